package dev.tokenportal.issuance;

import java.util.UUID;

import dev.tokenportal.audit.AuditAction;
import dev.tokenportal.audit.AuditOutcome;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import org.springframework.stereotype.Component;

import static dev.tokenportal.requests.TokenRequestService.actor;
import static dev.tokenportal.requests.TokenRequestService.entry;

/**
 * The check in front of what only a request's requester may do (create, report a missing
 * token, rotate): anyone else gets 404, so request ids cannot be probed, and the attempt
 * is audited.
 *
 * @author Token Portal team
 */
@Component
class RequesterOnly {

	private final TokenRequestService requests;

	private final AuditTrail audit;

	RequesterOnly(TokenRequestService requests, AuditTrail audit) {
		this.requests = requests;
		this.audit = audit;
	}

	/**
	 * The request, if the user asked for it.
	 * @param id the request
	 * @param user the signed-in user
	 * @param action what they tried, for the trail
	 * @return the request
	 * @throws TokenRequestNotFoundException for anyone but the requester
	 */
	TokenRequest request(UUID id, CurrentUser user, String action) {
		TokenRequest request = this.requests.get(id);
		if (!request.isRequestedBy(user.gitlabUserId())) {
			this.audit.recordAlone(
					entry(AuditAction.ACCESS_DENIED, AuditOutcome.DENIED, actor(user), request).detail("action", action)
						.build());
			throw new TokenRequestNotFoundException(id);
		}
		return request;
	}

}
