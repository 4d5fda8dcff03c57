package dev.tokenportal.inventory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * A token as GitLab lists it on a project or group, with where it came from.
 *
 * @param gitlabTokenId GitLab's token id
 * @param name its name in GitLab
 * @param scopes its scopes
 * @param accessLevel its level, to resolve, or {@code null} when GitLab did not say
 * @param expiresOn when it stops working
 * @param createdAt when GitLab made it
 * @param lastUsedAt when it was last used, if ever
 * @param state {@code active}, {@code revoked} or {@code expired}
 * @param origin where it came from
 * @param misleadingName made outside the portal, yet named like a portal token
 * @param requestId the portal request it belongs to, if any
 * @param shortId that request's short id
 * @param requester that request's requester
 * @author Token Portal team
 */
public record GitLabTokenRow(long gitlabTokenId, String name, List<String> scopes,
		@Nullable MessageSourceResolvable accessLevel, @Nullable LocalDate expiresOn, @Nullable Instant createdAt,
		@Nullable Instant lastUsedAt, String state, GitLabTokenOrigin origin, boolean misleadingName,
		@Nullable UUID requestId, @Nullable String shortId, @Nullable String requester) {

	public GitLabTokenRow {
		scopes = List.copyOf(scopes);
	}

}
