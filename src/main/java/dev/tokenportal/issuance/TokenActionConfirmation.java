package dev.tokenportal.issuance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.TokenRequest;

import org.springframework.context.MessageSourceResolvable;

/**
 * What the page that asks "are you sure?" before a revoke or a rotation shows: the token
 * the action will hit, as GitLab made it.
 *
 * @param action {@code revoke} or {@code rotate}
 * @param requestId the request
 * @param shortId the request's short id, which GitLab's token name carries
 * @param tokenName the name the requester gave
 * @param gitlabTokenId GitLab's id of the token
 * @param targetPath the project or group
 * @param scopes the token's scopes
 * @param accessLevel the token's level, to resolve
 * @param expiresOn when it expires
 * @param returnTo where to go afterwards: {@code tokens} for My tokens, otherwise the
 * request's page
 * @author Token Portal team
 */
public record TokenActionConfirmation(String action, UUID requestId, String shortId, String tokenName,
		@Nullable Long gitlabTokenId, String targetPath, List<String> scopes, MessageSourceResolvable accessLevel,
		@Nullable LocalDate expiresOn, @Nullable String returnTo) {

	static TokenActionConfirmation of(String action, TokenRequest request, @Nullable String returnTo) {
		return new TokenActionConfirmation(action, request.getId(), request.getShortId(), request.getTokenName(),
				request.getGitlabTokenId(), request.getTargetPath(), request.tokenScopes(),
				AccessLevel.named(request.tokenAccessLevel()), request.tokenExpiresOn(),
				"tokens".equals(returnTo) ? "tokens" : null);
	}

}
