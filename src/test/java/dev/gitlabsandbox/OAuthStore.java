package dev.gitlabsandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Authorization codes and OAuth access/refresh tokens, keyed by the digest of their
 * values. Guarded by the {@link SandboxState} lock.
 *
 * @author Token Portal team
 */
final class OAuthStore {

	/** Doorkeeper's default authorization code lifetime. */
	static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

	/** GitLab's fixed OAuth access token lifetime (gitlab-api.md §7.1). */
	static final Duration ACCESS_TOKEN_LIFETIME = Duration.ofHours(2);

	private final Map<String, AuthorizationCode> codes = new HashMap<>();

	private final Map<String, OAuthToken> accessTokens = new HashMap<>();

	private final Map<String, String> accessByRefresh = new HashMap<>();

	// kept across clear(), like issued token values: tests look for them in the portal's
	// database and logs
	private final List<String> issuedValues = new java.util.ArrayList<>();

	// the signed ID tokens handed out, kept across clear() for the same reason
	private final List<String> issuedIdTokens = new java.util.ArrayList<>();

	String issueCode(AuthorizationCode code) {
		String value = Secrets.hex(32);
		this.codes.put(Secrets.sha256(value), code);
		return value;
	}

	/**
	 * Take a code out of the store: codes are single-use, so a second exchange fails.
	 * @param value the code
	 * @return the code's grant, if it existed
	 */
	Optional<AuthorizationCode> redeemCode(String value) {
		return Optional.ofNullable(this.codes.remove(Secrets.sha256(value)));
	}

	IssuedTokens issueTokens(long userId, String clientId, List<String> scopes, Instant authTime, Instant now) {
		String access = Secrets.hex(32);
		String refresh = Secrets.hex(32);
		OAuthToken token = new OAuthToken(userId, clientId, List.copyOf(scopes), now, now.plus(ACCESS_TOKEN_LIFETIME),
				authTime, false);
		this.accessTokens.put(Secrets.sha256(access), token);
		this.accessByRefresh.put(Secrets.sha256(refresh), Secrets.sha256(access));
		this.issuedValues.add(access);
		this.issuedValues.add(refresh);
		return new IssuedTokens(access, refresh, token);
	}

	List<String> issuedValues() {
		return List.copyOf(this.issuedValues);
	}

	void recordIdToken(String idToken) {
		this.issuedIdTokens.add(idToken);
	}

	List<String> issuedIdTokens() {
		return List.copyOf(this.issuedIdTokens);
	}

	Optional<OAuthToken> accessToken(String value) {
		return Optional.ofNullable(this.accessTokens.get(Secrets.sha256(value)));
	}

	/**
	 * Use a refresh token: it and its access token stop working (gitlab-api.md §7.1).
	 * @param value the refresh token
	 * @return the grant it belonged to, if it was still valid
	 */
	Optional<OAuthToken> redeemRefreshToken(String value) {
		String accessDigest = this.accessByRefresh.remove(Secrets.sha256(value));
		if (accessDigest == null) {
			return Optional.empty();
		}
		return Optional.ofNullable(this.accessTokens.computeIfPresent(accessDigest, (key, token) -> token.revoke()));
	}

	/**
	 * Revoke an access or refresh token ({@code POST /oauth/revoke}).
	 * @param value either token
	 */
	void revoke(String value) {
		String digest = Secrets.sha256(value);
		String accessDigest = this.accessByRefresh.containsKey(digest) ? this.accessByRefresh.get(digest) : digest;
		this.accessTokens.computeIfPresent(accessDigest, (key, token) -> token.revoke());
		this.accessByRefresh.values().remove(accessDigest);
	}

	void clear() {
		this.codes.clear();
		this.accessTokens.clear();
		this.accessByRefresh.clear();
	}

	/**
	 * What the user granted at {@code /oauth/authorize}, bound to client and redirect
	 * URI.
	 */
	record AuthorizationCode(String clientId, String redirectUri, long userId, List<String> scopes,
			@Nullable String nonce, @Nullable String codeChallenge, @Nullable String codeChallengeMethod,
			Instant issuedAt, Instant authTime) {

		boolean expired(Instant now) {
			return !now.isBefore(this.issuedAt.plus(CODE_LIFETIME));
		}

	}

	/**
	 * An OAuth access token's grant (the secret itself is not kept).
	 */
	record OAuthToken(long userId, String clientId, List<String> scopes, Instant createdAt, Instant expiresAt,
			Instant authTime, boolean revoked) {

		boolean expired(Instant now) {
			return !now.isBefore(this.expiresAt);
		}

		OAuthToken revoke() {
			return new OAuthToken(this.userId, this.clientId, this.scopes, this.createdAt, this.expiresAt,
					this.authTime, true);
		}

	}

	/**
	 * Freshly issued secrets, returned once to the token endpoint.
	 */
	record IssuedTokens(String accessToken, String refreshToken, OAuthToken grant) {

		@Override
		public String toString() {
			return "IssuedTokens[secrets hidden, grant=" + this.grant + "]";
		}

	}

}
