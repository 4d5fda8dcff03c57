package dev.tokenportal.issuance;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.requests.StatusReason;
import dev.tokenportal.requests.RequestAccess;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.requests.VariableDestination;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Revoking an issued token: by its requester, by an effective Owner of its target (asked
 * of GitLab at the moment of the decision) or by an auditor in an emergency.
 *
 * @author Token Portal team
 */
@Service
public class RevocationService {

	private final TokenRequestService requests;

	private final GitLabTokenClient gitlab;

	private final IssuanceSteps steps;

	private final RequestAccess access;

	private final VariableDelivery delivery;

	RevocationService(TokenRequestService requests, GitLabTokenClient gitlab, IssuanceSteps steps, RequestAccess access,
			VariableDelivery delivery) {
		this.delivery = delivery;
		this.requests = requests;
		this.gitlab = gitlab;
		this.steps = steps;
		this.access = access;
	}

	/** The longest reason a revoker may give; it goes into the audit trail. */
	static final int MAX_REASON = 500;

	/**
	 * What the revoker is asked to confirm, after the same checks as the revoke itself.
	 * @param id the request
	 * @param user who means to revoke
	 * @param returnTo where to go afterwards ({@code tokens}, or the request's page)
	 * @return the token the revoke would hit
	 * @throws TokenRequestNotFoundException for anyone who may not revoke it
	 * @throws TokenActionConflictException when there is no active token to revoke
	 */
	@PreAuthorize("isAuthenticated()")
	public TokenActionConfirmation confirmRevoke(UUID id, CurrentUser user, @Nullable String returnTo) {
		TokenRequest request = this.requests.get(id);
		revokerRole(request, user);
		issuedTokenId(request);
		return TokenActionConfirmation.of("revoke", request, returnTo);
	}

	/**
	 * Revokes an issued token. Allowed to its requester, to an effective Owner of its
	 * target (asked of GitLab now) and to auditors; anyone else gets 404. A token GitLab
	 * no longer knows counts as revoked.
	 * @param id the request
	 * @param user who revokes
	 * @param reason why, in the revoker's words, for the trail; may be {@code null}
	 * @return the revoked request
	 */
	@PreAuthorize("isAuthenticated()")
	public TokenRequest revoke(UUID id, CurrentUser user, @Nullable String reason) {
		return revoke(id, user, reason, false).request();
	}

	/**
	 * The CI/CD variable a request's token went into, for the page that asks before a
	 * revoke.
	 * @param confirmation what {@link #confirmRevoke} returned
	 * @return the variable, or {@code null} when the token was shown instead
	 */
	public @Nullable WrittenVariable variableOf(TokenActionConfirmation confirmation) {
		return this.delivery.delivered(this.requests.get(confirmation.requestId()));
	}

	/**
	 * Revokes an issued token, as {@link #revoke(UUID, CurrentUser, String)} does, and
	 * deletes the CI/CD variable the portal wrote it into (a dead token there only
	 * misleads the next pipeline), unless the revoker keeps it.
	 * @param id the request
	 * @param user who revokes
	 * @param reason why, in the revoker's words, for the trail; may be {@code null}
	 * @param keepVariable whether to keep the variable the token went into
	 * @return the revoked request, and a variable the portal could not delete
	 */
	@PreAuthorize("isAuthenticated()")
	public Revocation revoke(UUID id, CurrentUser user, @Nullable String reason, boolean keepVariable) {
		TokenRequest request = this.requests.get(id);
		String role = revokerRole(request, user);
		long tokenId = issuedTokenId(request);
		boolean revokedNow;
		try {
			revokedNow = this.gitlab.revoke(request.target(), tokenId);
		}
		catch (GitLabException ex) {
			throw new TokenActionRefusedException(id, StatusReason.of("issuance.refusal.notRevoked",
					GitLabRefusal.of(ex, request.target(), "revoke").gitlabReason()));
		}
		WrittenVariable variable = this.delivery.delivered(request);
		VariableDelivery.VariableRemoval removal = this.delivery.remove(request, tokenId, keepVariable);
		String why = printable(reason);
		TokenRequest revoked = this.steps.revoked(id, Actor.of(user), tokenId,
				(why != null)
						? StatusReason.of("issuance.reason.revokedBecause." + role, user.username(),
								request.getTargetPath(), why)
						: StatusReason.of("issuance.reason.revoked." + role, user.username(), request.getTargetPath()),
				!revokedNow, removal);
		return new Revocation(revoked, (removal == VariableDelivery.VariableRemoval.LEFT && variable != null)
				? variableLeft(variable.destination()) : null);
	}

	private static StatusReason variableLeft(VariableDestination destination) {
		return StatusReason.of("issuance.revoke.variableLeft", destination.key(), destination.environmentScope(),
				destination.owner().fullPath());
	}

	/**
	 * A revoke done.
	 *
	 * @param request the revoked request
	 * @param variableLeft in plain words, the CI/CD variable that still holds the dead
	 * token because GitLab did not delete it; {@code null} when none does
	 */
	public record Revocation(TokenRequest request, @Nullable StatusReason variableLeft) {
	}

	private static long issuedTokenId(TokenRequest request) {
		Long tokenId = request.getGitlabTokenId();
		if (request.getStatus() != TokenRequestStatus.ISSUED || tokenId == null) {
			throw new TokenActionConflictException(request.getId(), request.getStatus());
		}
		return tokenId;
	}

	/**
	 * The reason as one trimmed line without control characters, cut to
	 * {@link #MAX_REASON}; {@code null} when nothing was said.
	 */
	static @Nullable String printable(@Nullable String reason) {
		if (reason == null) {
			return null;
		}
		String line = reason.replaceAll("\\p{Cntrl}+", " ").strip();
		if (line.isEmpty()) {
			return null;
		}
		return (line.length() > MAX_REASON) ? line.substring(0, MAX_REASON) + "…" : line;
	}

	/**
	 * Why a user may revoke the request's token ({@code requester}, {@code auditor} or
	 * {@code owner}, the last part of the reason's code), or 404 (and an audited denial)
	 * if not.
	 */
	private String revokerRole(TokenRequest request, CurrentUser user) {
		if (request.isRequestedBy(user.gitlabUserId())) {
			return "requester";
		}
		if (user.has(PortalRole.AUDITOR)) {
			return "auditor";
		}
		this.access.requireNotThrottled(user, request.getId());
		boolean owner;
		try {
			owner = this.gitlab.effectiveMember(request.target(), user.gitlabUserId())
				.map(GitLabMember::isActiveOwner)
				.orElse(false);
		}
		catch (GitLabException ex) {
			// no target path: whether this user may see it is what GitLab could not say
			throw new TokenActionRefusedException(request.getId(),
					StatusReason.of("issuance.refusal.ownerUnconfirmed"));
		}
		if (owner) {
			return "owner";
		}
		throw this.access.denied(user, request, "revoke");
	}

}
