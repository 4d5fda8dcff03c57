package dev.tokenportal.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One event for the trail, as a feature describes it. Where and how the request arrived
 * (client IP, user agent, correlation id) is added by the trail itself.
 *
 * @param action what happened
 * @param outcome how it ended
 * @param actor who did it
 * @param targetType {@code project} or {@code group}, if a GitLab resource is involved
 * @param targetId the GitLab id of the project or group
 * @param targetPath its full path
 * @param requestId the token request, if any
 * @param gitlabTokenId GitLab's token id, if any
 * @param tokenFingerprint the keyed fingerprint of a token value, never the value
 * @param details anything else worth keeping, as simple values
 * @author Token Portal team
 */
public record AuditEntry(AuditAction action, AuditOutcome outcome, AuditActor actor, @Nullable String targetType,
		@Nullable Long targetId, @Nullable String targetPath, @Nullable UUID requestId, @Nullable Long gitlabTokenId,
		@Nullable String tokenFingerprint, Map<String, Object> details) {

	public AuditEntry {
		details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
	}

	/**
	 * Starts an entry.
	 * @param action what happened
	 * @param outcome how it ended
	 * @param actor who did it
	 * @return a builder
	 */
	public static Builder of(AuditAction action, AuditOutcome outcome, AuditActor actor) {
		return new Builder(action, outcome, actor);
	}

	/**
	 * Builds an {@link AuditEntry} field by field.
	 */
	public static final class Builder {

		private final AuditAction action;

		private final AuditOutcome outcome;

		private final AuditActor actor;

		private @Nullable String targetType;

		private @Nullable Long targetId;

		private @Nullable String targetPath;

		private @Nullable UUID requestId;

		private @Nullable Long gitlabTokenId;

		private @Nullable String tokenFingerprint;

		private final Map<String, Object> details = new LinkedHashMap<>();

		private Builder(AuditAction action, AuditOutcome outcome, AuditActor actor) {
			this.action = action;
			this.outcome = outcome;
			this.actor = actor;
		}

		public Builder target(String type, long id, String path) {
			this.targetType = type;
			this.targetId = id;
			this.targetPath = path;
			return this;
		}

		public Builder request(@Nullable UUID requestId) {
			this.requestId = requestId;
			return this;
		}

		public Builder gitlabToken(@Nullable Long tokenId) {
			this.gitlabTokenId = tokenId;
			return this;
		}

		public Builder fingerprint(@Nullable String fingerprint) {
			this.tokenFingerprint = fingerprint;
			return this;
		}

		public Builder detail(String key, @Nullable Object value) {
			if (value != null) {
				this.details.put(key, value);
			}
			return this;
		}

		public AuditEntry build() {
			return new AuditEntry(this.action, this.outcome, this.actor, this.targetType, this.targetId,
					this.targetPath, this.requestId, this.gitlabTokenId, this.tokenFingerprint, this.details);
		}

	}

}
