package dev.tokenportal.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit search form, as typed: every field optional; dates are whole UTC days.
 *
 * @param actor a GitLab username
 * @param action an action key
 * @param outcome an outcome
 * @param target a target path prefix
 * @param request a token request id
 * @param token a GitLab token id
 * @param from from this day (inclusive)
 * @param to up to this day (inclusive)
 * @param before the next page's starting point
 * @author Token Portal team
 */
public record AuditSearchForm(@Nullable @Size(max = 255, message = "{audit.search.actor.size}") String actor,
		@Nullable @Size(max = 64, message = "{audit.search.action.size}") String action,
		@Nullable @Pattern(regexp = "|SUCCESS|FAILURE|DENIED|UNKNOWN",
				message = "{audit.search.outcome.pattern}") String outcome,
		@Nullable @Size(max = 512, message = "{audit.search.target.size}") String target, @Nullable UUID request,
		@Nullable Long token, @Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
		@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @Nullable Long before) {

	private static final Set<String> ACTIONS = Arrays.stream(AuditAction.values())
		.map(AuditAction::key)
		.collect(Collectors.toUnmodifiableSet());

	/**
	 * Whether the action, if given, is one the trail records.
	 * @return whether the action is known
	 */
	@AssertTrue(message = "{audit.search.action.unknown}")
	public boolean isKnownAction() {
		return this.action == null || this.action.isBlank() || ACTIONS.contains(this.action.strip());
	}

	AuditSearch toSearch() {
		Instant start = (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
		Instant end = (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
		return new AuditSearch(this.actor, this.action, this.outcome, this.target, this.request, this.token, start, end,
				this.before);
	}

}
