package dev.tokenportal.issuance;

import java.util.UUID;

import dev.tokenportal.requests.RequestAccess;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * The check in front of what only a request's requester may do (create, report a missing
 * token, rotate): anyone else gets 404, so request ids cannot be probed, and the attempt
 * is audited ({@link RequestAccess}, throttled per user).
 *
 * @author Token Portal team
 */
@Component
class RequesterOnly {

	private final TokenRequestService requests;

	private final RequestAccess access;

	RequesterOnly(TokenRequestService requests, RequestAccess access) {
		this.requests = requests;
		this.access = access;
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
			throw this.access.denied(user, request, action);
		}
		return request;
	}

}
