package dev.tokenportal.issuance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * A token GitLab has just created or rotated, shaped for the one page that shows its
 * value. It lives only for that response: never in the session, a flash attribute, the
 * database or a log, and {@link #toString()} never prints the value.
 *
 * @param requestId the token request
 * @param shortId the request's short id
 * @param targetPath the project or group
 * @param tokenName the token's name in GitLab
 * @param scopes its scopes
 * @param accessLevel its access level, to resolve
 * @param expiresOn the day it stops working (00:00 UTC)
 * @param gitlabTokenId GitLab's token id
 * @param rotation whether this replaces an earlier token of the same request
 * @param warning something the user must know besides the value, if any
 * @param value the secret, shown once
 * @param endsAt the exact end of a token with a lifetime in hours, or {@code null}
 * @author Token Portal team
 */
public record CreatedToken(UUID requestId, String shortId, String targetPath, String tokenName, List<String> scopes,
		MessageSourceResolvable accessLevel, @Nullable LocalDate expiresOn, long gitlabTokenId, boolean rotation,
		@Nullable MessageSourceResolvable warning, String value, @Nullable Instant endsAt) {

	public CreatedToken {
		scopes = List.copyOf(scopes);
	}

	public CreatedToken(UUID requestId, String shortId, String targetPath, String tokenName, List<String> scopes,
			MessageSourceResolvable accessLevel, @Nullable LocalDate expiresOn, long gitlabTokenId, boolean rotation,
			@Nullable MessageSourceResolvable warning, String value) {
		this(requestId, shortId, targetPath, tokenName, scopes, accessLevel, expiresOn, gitlabTokenId, rotation,
				warning, value, null);
	}

	@Override
	public String toString() {
		return "CreatedToken[request=" + this.shortId + ", gitlabTokenId=" + this.gitlabTokenId + ", value=******]";
	}

}
