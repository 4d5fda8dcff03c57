package dev.tokenportal.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * One of my tokens, shaped for the My tokens page.
 *
 * @param requestId the request it was issued for
 * @param shortId the request's short id
 * @param name the token's name in GitLab
 * @param targetType {@code project} or {@code group}
 * @param targetPath the project or group
 * @param scopes its scopes
 * @param accessLevel its access level, to resolve
 * @param expiresOn the day it stops working (00:00 UTC)
 * @param daysLeft days until then, never negative
 * @param state how it stands
 * @param gitlabTokenId GitLab's token id
 * @param endsAt the exact end of a token with a lifetime in hours, or {@code null}
 * @author Token Portal team
 */
public record TokenView(UUID requestId, String shortId, String name, String targetType, String targetPath,
		List<String> scopes, MessageSourceResolvable accessLevel, @Nullable LocalDate expiresOn, long daysLeft,
		TokenState state, @Nullable Long gitlabTokenId, @Nullable Instant endsAt) {

	public TokenView {
		scopes = List.copyOf(scopes);
	}

	/**
	 * Whether the token can still be revoked or rotated.
	 * @return {@code true} while it works
	 */
	public boolean usable() {
		return this.state == TokenState.ACTIVE || this.state == TokenState.EXPIRES_SOON;
	}

}
