package dev.tokenportal.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabAccessDeniedException;
import dev.tokenportal.gitlab.GitLabCallerToken;
import dev.tokenportal.gitlab.GitLabCallerTokens;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.security.ApiCallers;
import dev.tokenportal.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Checks a GitLab token presented to the API with GitLab, and keeps what GitLab said for
 * at most {@link #TIME_TO_LIVE} (never past the token's own expiry), keyed by an HMAC of
 * the token under a key made at start-up and held only in memory: neither the token nor a
 * plain hash of it is kept. A refusal is not kept, so a token GitLab takes again works at
 * once; a token revoked in GitLab keeps working here for at most a minute.
 *
 * <p>
 * Scopes follow GitLab's own rule (gitlab-api.md §8.4): {@code read_api} reads (GET,
 * HEAD), {@code api} does everything.
 *
 * @author Token Portal team
 */
@Component
class ApiCallerVerifier {

	static final Duration TIME_TO_LIVE = Duration.ofMinutes(1);

	static final String READ_SCOPE = "read_api";

	static final String WRITE_SCOPE = "api";

	private static final Logger logger = LoggerFactory.getLogger(ApiCallerVerifier.class);

	private static final int MAX_ENTRIES = 10_000;

	private final GitLabCallerTokens gitlab;

	private final ApiCallers callers;

	private final Clock clock;

	private final SecretKeySpec key;

	private final Cache<String, Verified> verified;

	ApiCallerVerifier(GitLabCallerTokens gitlab, ApiCallers callers, Clock clock) {
		this.gitlab = gitlab;
		this.callers = callers;
		this.clock = clock;
		byte[] secret = new byte[32];
		new SecureRandom().nextBytes(secret);
		this.key = new SecretKeySpec(secret, "HmacSHA256");
		this.verified = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).expireAfter(new UntilStale(clock)).build();
	}

	/**
	 * The caller a token stands for, allowed to use a method.
	 * @param token the bearer token as presented
	 * @param method the HTTP method called
	 * @return the authentication
	 * @throws ApiCallerRejectedException when GitLab does not take the token, its scopes
	 * do not allow the call, or GitLab could not be asked
	 */
	ApiCallerAuthentication authenticate(String token, String method) {
		String fingerprint = fingerprint(token);
		Verified known = this.verified.getIfPresent(fingerprint);
		if (known == null || known.staleAt(this.clock.instant())) {
			known = verify(token);
			this.verified.put(fingerprint, known);
		}
		requireScope(known.scopes(), method);
		List<GrantedAuthority> authorities = new java.util.ArrayList<>();
		known.user().roles().forEach((role) -> authorities.add(role.authority()));
		known.scopes().forEach((scope) -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + scope)));
		return new ApiCallerAuthentication(known.user(), known.scopes(), authorities);
	}

	/**
	 * Whether a token was verified recently enough to be used without asking GitLab.
	 * @param token the bearer token as presented
	 * @return {@code true} when {@link #authenticate} will not call GitLab for it
	 */
	boolean knows(String token) {
		Verified known = this.verified.getIfPresent(fingerprint(token));
		return known != null && !known.staleAt(this.clock.instant());
	}

	private Verified verify(String token) {
		try {
			GitLabCallerTokens.Scoped scoped = this.gitlab.scopes(token);
			if (!GitLabCallerTokens.canReadUser(scoped.scopes())) {
				// GitLab would not say whose it is; no API call works with it anyway
				throw insufficientScope(READ_SCOPE, scoped.scopes());
			}
			GitLabCallerToken answer = this.gitlab.verify(token, scoped);
			CurrentUser user = this.callers.of(answer.user());
			return new Verified(user, answer.scopes(), staleAt(answer.expiresAt()));
		}
		catch (GitLabAccessDeniedException ex) {
			if (ex.status() == 401) {
				throw new ApiCallerRejectedException(HttpStatus.UNAUTHORIZED, "invalid-token",
						"Bearer error=\"invalid_token\"");
			}
			// GitLab takes the token but not its user (blocked, banned)
			throw new ApiCallerRejectedException(HttpStatus.FORBIDDEN, "caller-refused", null, ex.getMessage());
		}
		catch (GitLabException ex) {
			logger.warn("Could not check an API caller's GitLab token: {}", ex.getMessage());
			throw new ApiCallerRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "gitlab-unavailable", null,
					ex.getMessage());
		}
	}

	private Instant staleAt(@Nullable Instant expiresAt) {
		Instant latest = this.clock.instant().plus(TIME_TO_LIVE);
		return (expiresAt != null && expiresAt.isBefore(latest)) ? expiresAt : latest;
	}

	private static void requireScope(Set<String> scopes, String method) {
		boolean reads = "GET".equals(method) || "HEAD".equals(method);
		if (scopes.contains(WRITE_SCOPE) || (reads && scopes.contains(READ_SCOPE))) {
			return;
		}
		throw insufficientScope(reads ? READ_SCOPE : WRITE_SCOPE, scopes);
	}

	private static ApiCallerRejectedException insufficientScope(String needed, Set<String> scopes) {
		String accepted = READ_SCOPE.equals(needed) ? READ_SCOPE + " " + WRITE_SCOPE : WRITE_SCOPE;
		return new ApiCallerRejectedException(HttpStatus.FORBIDDEN, "insufficient-scope",
				"Bearer error=\"insufficient_scope\", scope=\"" + accepted + "\"", needed,
				scopes.isEmpty() ? "-" : String.join(", ", new TreeSet<>(scopes)));
	}

	private String fingerprint(String token) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	/** Forgets every caller, so the next call asks GitLab again (tests). */
	void forgetAll() {
		this.verified.invalidateAll();
	}

	private record Verified(CurrentUser user, Set<String> scopes, Instant staleAt) {

		boolean staleAt(Instant now) {
			return !now.isBefore(this.staleAt);
		}

	}

	private static final class UntilStale implements Expiry<String, Verified> {

		private final Clock clock;

		UntilStale(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String key, Verified value, long currentTime) {
			return Math.max(0, Duration.between(this.clock.instant(), value.staleAt()).toNanos());
		}

		@Override
		public long expireAfterUpdate(String key, Verified value, long currentTime, long currentDuration) {
			return expireAfterCreate(key, value, currentTime);
		}

		@Override
		public long expireAfterRead(String key, Verified value, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
