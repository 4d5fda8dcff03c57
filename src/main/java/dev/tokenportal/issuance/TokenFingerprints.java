package dev.tokenportal.issuance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keyed fingerprints of token values: HMAC-SHA256 with a server key
 * ({@code portal.audit.fingerprint-key}, checked at start-up with the audit settings), so
 * the request and the trail can name a token without holding anything that could be
 * turned back into it.
 *
 * @author Token Portal team
 */
@Component
public class TokenFingerprints {

	private final byte[] key;

	// a missing or short key stops the start with AuditProperties' message, not here
	TokenFingerprints(@Value("${portal.audit.fingerprint-key:}") String key) {
		this.key = key.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The fingerprint of a token value.
	 * @param tokenValue the value, straight from GitLab's answer
	 * @return lowercase hex HMAC-SHA256
	 */
	public String of(String tokenValue) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(tokenValue.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

}
