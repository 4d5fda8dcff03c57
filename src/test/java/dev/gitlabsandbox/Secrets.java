package dev.gitlabsandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random secrets (token values, codes, bot suffixes) and their digests.
 *
 * @author Token Portal team
 */
final class Secrets {

	private static final String URL_SAFE = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/**
	 * A new access token value: the default {@code glpat-} prefix and 20 url-safe
	 * characters.
	 * @return the secret
	 */
	static String accessTokenValue() {
		return "glpat-" + urlSafe(20);
	}

	static String urlSafe(int length) {
		StringBuilder value = new StringBuilder(length);
		for (int i = 0; i < length; i++) {
			value.append(URL_SAFE.charAt(RANDOM.nextInt(URL_SAFE.length())));
		}
		return value.toString();
	}

	static String hex(int bytes) {
		byte[] random = new byte[bytes];
		RANDOM.nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	static String sha256(String value) {
		return HexFormat.of().formatHex(sha256Bytes(value));
	}

	static byte[] sha256Bytes(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
