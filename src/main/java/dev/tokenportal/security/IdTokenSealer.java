package dev.tokenportal.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.security.crypto.encrypt.Encryptors;
import org.springframework.security.crypto.encrypt.TextEncryptor;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;

/**
 * Keeps the ID token GitLab signed at sign-in encrypted wherever the principal goes (the
 * session, which lives in PostgreSQL): the principal carries the token's claims and the
 * encrypted JWT, never the JWT itself. AES-GCM with a key derived from the server's
 * session secret (Spring Security's {@link Encryptors#delux}).
 *
 * @author Token Portal team
 */
final class IdTokenSealer {

	private final TextEncryptor encryptor;

	IdTokenSealer(String secret) {
		this.encryptor = Encryptors.delux(secret, salt());
	}

	/**
	 * The same ID token, its value encrypted.
	 * @param idToken the token as GitLab signed it
	 * @return the token with the same claims and an encrypted value
	 */
	OidcIdToken seal(OidcIdToken idToken) {
		return new OidcIdToken(this.encryptor.encrypt(idToken.getTokenValue()), idToken.getIssuedAt(),
				idToken.getExpiresAt(), idToken.getClaims());
	}

	/**
	 * The signed JWT of a sealed ID token, for whoever must show it to GitLab again.
	 * @param sealed a token from {@link #seal}
	 * @return the JWT
	 */
	String unseal(OidcIdToken sealed) {
		return this.encryptor.decrypt(sealed.getTokenValue());
	}

	// a fixed salt: the key must be the same on every instance that shares the sessions
	private static String salt() {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest("token-portal/session-id-token/v1".getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 16);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
