package dev.tokenportal.limits;

import java.time.Duration;

/**
 * The rate limits a user is held to, each a token bucket per user.
 *
 * @author Token Portal team
 */
public enum UserLimit {

	/** Tokens created or rotated: each is a new secret in GitLab. */
	TOKEN_CREATION("tokens created", Duration.ofHours(1), true),

	/** Policy previews: each costs GitLab calls. */
	POLICY_PREVIEW("policy previews", Duration.ofMinutes(1), false),

	/**
	 * Refused looks at token requests the user may not see: each costs an audit row and
	 * often a GitLab call. Beyond it the answer is the same 404 without either; the
	 * denials already recorded tell the story.
	 */
	REQUEST_DENIALS("refused looks at requests", Duration.ofHours(1), false);

	private final String description;

	private final Duration period;

	private final boolean audited;

	UserLimit(String description, Duration period, boolean audited) {
		this.description = description;
		this.period = period;
		this.audited = audited;
	}

	/**
	 * What is counted, for logs (people read {@code limits.exceeded.problem.*}).
	 * @return a plural noun phrase
	 */
	public String description() {
		return this.description;
	}

	Duration period() {
		return this.period;
	}

	/**
	 * Whether a refusal is a security-relevant event. Preview refusals are not: a client
	 * hammering the preview must not be able to flood the audit trail.
	 * @return {@code true} when refusals are audited
	 */
	boolean audited() {
		return this.audited;
	}

	int capacity(LimitsProperties properties) {
		return switch (this) {
			case TOKEN_CREATION -> properties.tokensPerUserPerHour();
			case POLICY_PREVIEW -> properties.previewsPerUserPerMinute();
			case REQUEST_DENIALS -> properties.requestDenialsPerUserPerHour();
		};
	}

	String bucketKey(long userId) {
		return name().toLowerCase(java.util.Locale.ROOT) + ":" + userId;
	}

}
