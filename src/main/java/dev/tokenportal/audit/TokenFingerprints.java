package dev.tokenportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Keyed fingerprints of token values: HMAC-SHA256 with a server key, so the trail can
 * name a token without holding anything that could be turned back into it.
 *
 * @author Token Portal team
 */
@Component
public class TokenFingerprints {

	private final SecretKeySpec key;

	TokenFingerprints(AuditProperties properties) {
		this.key = new SecretKeySpec(String.valueOf(properties.fingerprintKey()).getBytes(StandardCharsets.UTF_8),
				"HmacSHA256");
	}

	/**
	 * The fingerprint of a token value.
	 * @param tokenValue the value, straight from GitLab's answer
	 * @return lowercase hex HMAC-SHA256
	 */
	public String of(String tokenValue) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return HexFormat.of().formatHex(mac.doFinal(tokenValue.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

}
