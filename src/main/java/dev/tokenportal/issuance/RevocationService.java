package dev.tokenportal.issuance;

import java.util.UUID;

import dev.tokenportal.audit.AuditAction;
import dev.tokenportal.audit.AuditOutcome;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

import static dev.tokenportal.requests.TokenRequestService.actor;
import static dev.tokenportal.requests.TokenRequestService.entry;

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

	private final AuditTrail audit;

	RevocationService(TokenRequestService requests, GitLabTokenClient gitlab, IssuanceSteps steps, AuditTrail audit) {
		this.requests = requests;
		this.gitlab = gitlab;
		this.steps = steps;
		this.audit = audit;
	}

	/**
	 * Revokes an issued token. Allowed to its requester, to an effective Owner of its
	 * target (asked of GitLab now) and to auditors; anyone else gets 404. A token GitLab
	 * no longer knows counts as revoked.
	 * @param id the request
	 * @param user who revokes
	 * @return the revoked request
	 */
	@PreAuthorize("isAuthenticated()")
	public TokenRequest revoke(UUID id, CurrentUser user) {
		TokenRequest request = this.requests.get(id);
		String role = revokerRole(request, user);
		Long tokenId = request.getGitlabTokenId();
		if (request.getStatus() != TokenRequestStatus.ISSUED || tokenId == null) {
			throw new TokenActionConflictException(id, request.getStatus());
		}
		boolean revokedNow;
		try {
			revokedNow = this.gitlab.revoke(request.target(), tokenId);
		}
		catch (GitLabException ex) {
			throw new TokenActionRefusedException(id,
					"GitLab did not revoke the token ("
							+ GitLabRefusal.of(ex, request.target(), "revoke").gitlabReason()
							+ "). It is still active; try again in a moment.");
		}
		return this.steps.revoked(id, actor(user), tokenId, "Revoked by " + user.username() + " (" + role + ")",
				!revokedNow);
	}

	/**
	 * Why a user may revoke the request's token, or 404 (and an audited denial) if not.
	 */
	private String revokerRole(TokenRequest request, CurrentUser user) {
		if (request.isRequestedBy(user.gitlabUserId())) {
			return "requester";
		}
		if (user.has(PortalRole.AUDITOR)) {
			return "auditor";
		}
		boolean owner;
		try {
			owner = this.gitlab.effectiveMember(request.target(), user.gitlabUserId())
				.map(GitLabMember::isActiveOwner)
				.orElse(false);
		}
		catch (GitLabException ex) {
			throw new TokenActionRefusedException(request.getId(), "GitLab could not confirm that you are an Owner of "
					+ request.getTargetPath() + "; nothing was changed. Try again in a moment.");
		}
		if (owner) {
			return "Owner of " + request.getTargetPath();
		}
		this.audit.recordAlone(
				entry(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor(user), request).detail("action", "revoke")
					.build());
		throw new TokenRequestNotFoundException(request.getId());
	}

}
