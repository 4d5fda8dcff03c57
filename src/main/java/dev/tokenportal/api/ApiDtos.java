package dev.tokenportal.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TimelineEntry;
import dev.tokenportal.requests.TokenRequestView;
import dev.tokenportal.requests.VariableDestination;

import org.springframework.context.MessageSourceResolvable;

/**
 * The API's request and response bodies: records with only the fields a caller may set,
 * or may see.
 *
 * @author Token Portal team
 */
final class ApiDtos {

	private ApiDtos() {
	}

	/**
	 * A new token request, the same fields as the form.
	 *
	 * @param target {@code project:<id>} or {@code group:<id>}
	 * @param tokenName the token's name
	 * @param description an optional description
	 * @param scopes the scopes
	 * @param accessLevel 10, 20, 30, 40 or 50
	 * @param expiresOn the expiry date (ISO, UTC), unless {@code lifetimeHours}
	 * @param lifetimeHours a lifetime in hours from creation instead of a date
	 * @param justification why the token is needed
	 * @param variable a CI/CD variable to deliver the token into instead of showing it
	 */
	record NewRequest(@Schema(example = "project:11") @Nullable String target,
			@Schema(example = "ci-deploy") @Nullable String tokenName, @Nullable String description,
			@Schema(example = "[\"read_api\"]") @Nullable List<String> scopes,
			@Schema(example = "20") @Nullable Integer accessLevel,
			@Schema(example = "2030-01-31") @Nullable String expiresOn, @Nullable Integer lifetimeHours,
			@Schema(example = "Nightly job reads the package registry") @Nullable String justification,
			@Nullable Variable variable) {
	}

	/**
	 * Where a token goes instead of being shown.
	 *
	 * @param destinationPath the project or group, by full path; empty for the target
	 * @param key the variable's key
	 * @param environmentScope the environment scope, {@code *} when empty
	 * @param protectedOnly only protected branches and tags see it
	 * @param hidden masked and hidden (GitLab 17.4+), not only masked
	 * @param autoRotate the portal rotates it before it expires
	 */
	record Variable(@Nullable String destinationPath, @Schema(example = "PROJECT_ACCESS_TOKEN") @Nullable String key,
			@Nullable String environmentScope, @Nullable Boolean protectedOnly, @Nullable Boolean hidden,
			@Nullable Boolean autoRotate) {
	}

	/**
	 * The Create token call: empty, or a variable for a request that names none.
	 *
	 * @param variable the variable, or {@code null}
	 */
	record CreateToken(@Nullable Variable variable) {
	}

	/**
	 * A rejection.
	 *
	 * @param reason why, required
	 */
	record Rejection(@Nullable String reason) {
	}

	/**
	 * A revocation.
	 *
	 * @param reason why, for the trail
	 * @param keepVariable keep the CI/CD variable the token went into
	 */
	record Revocation(@Nullable String reason, @Nullable Boolean keepVariable) {
	}

	/**
	 * A field the API refused, and why.
	 *
	 * @param field the field, or {@code null} for the request as a whole
	 * @param message why, in the pages' words
	 */
	record FieldProblem(@Nullable String field, String message) {
	}

	/**
	 * A page of a list, newest first.
	 *
	 * @param <T> the rows
	 * @param items the rows
	 * @param next the {@code after} value for the next page, or {@code null} for the last
	 */
	record Page<T>(List<T> items, @Nullable String next) {
	}

	/**
	 * A token request.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RequestResource(UUID id, String shortId, String status, @Nullable String statusReason, String tier,
			Target target, String requester, String tokenName, @Nullable String description, List<String> scopes,
			int accessLevel, LocalDate expiresOn, @Nullable Integer lifetimeHours, String justification, Policy policy,
			int requiredApprovals, int givenApprovals, List<Approval> approvals, @Nullable IssuedToken token,
			@Nullable UUID renewalOf, @Nullable VariableResource variable, boolean autoRotate, Instant createdAt,
			Instant updatedAt, @Nullable List<HistoryEntry> history) {

		static RequestResource of(TokenRequestView view, @Nullable String statusReason, String policyReason,
				@Nullable List<TimelineEntry> timeline, Function<MessageSourceResolvable, String> words) {
			IssuedToken token = (view.gitlabTokenId() != null) ? new IssuedToken(view.gitlabTokenId(),
					view.gitlabTokenName(), view.issuedExpiresOn(), view.revokeAt()) : null;
			return new RequestResource(view.id(), view.shortId(), view.status().name(), statusReason,
					view.tier().name(),
					new Target(view.targetType().name().toLowerCase(java.util.Locale.ROOT), view.targetId(),
							view.targetPath()),
					view.requesterUsername(), view.tokenName(), view.description(), view.scopes(), view.accessLevel(),
					view.expiresOn(), view.lifetimeHours(), view.justification(),
					new Policy(view.policyRule(), policyReason, view.policyVersion()), view.requiredApprovals(),
					view.givenApprovals(),
					view.approvals()
						.stream()
						.map((row) -> new Approval(row.approver(), row.decision(), row.reason(), row.decidedAt()))
						.toList(),
					token, view.renewalOf(), VariableResource.of(view.destination()), view.autoRotate(),
					view.createdAt(), view.updatedAt(), (timeline != null)
							? timeline.stream().map((entry) -> HistoryEntry.of(entry, words)).toList() : null);
		}

	}

	record Target(String type, long id, String path) {
	}

	record Policy(String rule, String reason, long version) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Approval(String approver, String decision, @Nullable String reason, Instant decidedAt) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record IssuedToken(long gitlabTokenId, @Nullable String name, @Nullable LocalDate expiresOn,
			@Nullable Instant revokeAt) {
	}

	record VariableResource(String path, String key, String environmentScope, boolean protectedOnly,
			boolean maskedAndHidden) {

		static @Nullable VariableResource of(@Nullable VariableDestination destination) {
			return (destination != null)
					? new VariableResource(destination.owner().fullPath(), destination.key(),
							destination.environmentScope(), destination.protectedOnly(), destination.maskedAndHidden())
					: null;
		}

	}

	record HistoryEntry(Instant at, String actor, String action, String outcome, Map<String, String> details) {

		static HistoryEntry of(TimelineEntry entry, Function<MessageSourceResolvable, String> words) {
			Map<String, String> details = new LinkedHashMap<>();
			entry.details().forEach((detail) -> details.put(detail.key(), words.apply(detail.value())));
			return new HistoryEntry(entry.at(), entry.actor(), entry.action(), entry.outcome(), details);
		}

	}

	/**
	 * A new token: its value is in this one response only ({@code Cache-Control:
	 * no-store}); a retry with the same {@code Idempotency-Key} answers
	 * {@code alreadyCreated} without it.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CreatedTokenResource(UUID requestId, long gitlabTokenId, String tokenName, String targetPath,
			List<String> scopes, @Nullable LocalDate expiresOn, @Nullable String endsAt, @Nullable String value,
			@Nullable VariableResource deliveredTo, @Nullable String warning, boolean alreadyCreated) {

		CreatedTokenResource withoutValue() {
			return new CreatedTokenResource(this.requestId, this.gitlabTokenId, this.tokenName, this.targetPath,
					this.scopes, this.expiresOn, this.endsAt, null, this.deliveredTo, this.warning, true);
		}

	}

	/**
	 * A token of mine.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record TokenResource(UUID id, String shortId, String name, String targetType, String targetPath,
			List<String> scopes, String accessLevel, @Nullable LocalDate expiresOn, long daysLeft, String state,
			@Nullable Long gitlabTokenId, @Nullable String endsAt) {
	}

	/**
	 * What a renewal did: a new token now, or a renewal request waiting for approval.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record RenewalResource(String outcome, @Nullable CreatedTokenResource token, @Nullable UUID renewalRequestId) {
	}

}
