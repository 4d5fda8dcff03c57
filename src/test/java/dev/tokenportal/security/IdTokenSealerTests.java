package dev.tokenportal.security;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.oidc.OidcIdToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * The ID token kept in the principal: same claims, an encrypted value that only the
 * server's secret opens.
 *
 * @author Token Portal team
 */
class IdTokenSealerTests {

	private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIzIn0.c2lnbmF0dXJlLW9mLWdpdGxhYg";

	private final OidcIdToken idToken = new OidcIdToken(JWT, Instant.parse("2026-11-27T10:00:00Z"),
			Instant.parse("2026-11-27T10:02:00Z"), Map.of("sub", "3", "nickname", "alice"));

	@Test
	void sealingKeepsTheClaimsAndHidesTheToken() {
		IdTokenSealer sealer = new IdTokenSealer("server-secret");

		OidcIdToken sealed = sealer.seal(this.idToken);

		assertThat(sealed.getTokenValue()).doesNotContain(JWT).doesNotContain("c2lnbmF0dXJlLW9mLWdpdGxhYg");
		assertThat(sealed.getClaims()).isEqualTo(this.idToken.getClaims());
		assertThat(sealed.getIssuedAt()).isEqualTo(this.idToken.getIssuedAt());
		assertThat(sealer.unseal(sealed)).isEqualTo(JWT);
		assertThat(new IdTokenSealer("server-secret").unseal(sealed)).as("every instance opens it").isEqualTo(JWT);
	}

	@Test
	void anotherSecretCannotOpenIt() {
		OidcIdToken sealed = new IdTokenSealer("server-secret").seal(this.idToken);

		assertThatException().isThrownBy(() -> new IdTokenSealer("another-secret").unseal(sealed));
	}

}
