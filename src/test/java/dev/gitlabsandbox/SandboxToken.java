package dev.gitlabsandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A personal, project or group access token (GitLab stores all three as personal access
 * tokens; a resource token belongs to a bot user). Only a SHA-256 digest of the secret is
 * kept, so printing a token never reveals it.
 *
 * @param id the token id
 * @param userId the owner (a bot for project and group access tokens)
 * @param name the token name
 * @param description the description, if any
 * @param scopes the granted scopes
 * @param createdAt when the token was created
 * @param expiresAt the expiry date (the token stops working at 00:00 UTC that day), or
 * {@code null}
 * @param revoked whether the token was revoked
 * @param lastUsedAt when the token last authenticated a request
 * @param digest hex SHA-256 of the secret value
 * @param previousTokenId the token this one was rotated from, if any
 * @author Token Portal team
 */
public record SandboxToken(long id, long userId, String name, @Nullable String description, List<String> scopes,
		Instant createdAt, @Nullable LocalDate expiresAt, boolean revoked, @Nullable Instant lastUsedAt, String digest,
		@Nullable Long previousTokenId) {

	/**
	 * Whether the token has expired on the given day.
	 * @param today the current date (UTC)
	 * @return {@code true} from 00:00 UTC on {@code expiresAt}
	 */
	public boolean expired(LocalDate today) {
		return this.expiresAt != null && !today.isBefore(this.expiresAt);
	}

	/**
	 * Whether the token is active: neither revoked nor expired.
	 * @param today the current date (UTC)
	 * @return whether the token still works
	 */
	public boolean active(LocalDate today) {
		return !this.revoked && !expired(today);
	}

	SandboxToken revoke() {
		return new SandboxToken(this.id, this.userId, this.name, this.description, this.scopes, this.createdAt,
				this.expiresAt, true, this.lastUsedAt, this.digest, this.previousTokenId);
	}

	SandboxToken usedAt(Instant instant) {
		return new SandboxToken(this.id, this.userId, this.name, this.description, this.scopes, this.createdAt,
				this.expiresAt, this.revoked, instant, this.digest, this.previousTokenId);
	}

}
