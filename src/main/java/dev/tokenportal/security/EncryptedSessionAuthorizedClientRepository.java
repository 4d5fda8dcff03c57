package dev.tokenportal.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;

/**
 * Keeps the signed-in user's GitLab tokens (access and refresh) in their session, which
 * lives in PostgreSQL so any instance can serve them, but only encrypted (AES-GCM with a
 * key derived from a server secret): a database dump reveals no GitLab credential. A blob
 * that does not decrypt (another key, tampering) is dropped, and the user signs in again.
 *
 * @author Token Portal team
 */
class EncryptedSessionAuthorizedClientRepository implements OAuth2AuthorizedClientRepository {

	private static final Logger logger = LoggerFactory.getLogger(EncryptedSessionAuthorizedClientRepository.class);

	private static final String ATTRIBUTE = EncryptedSessionAuthorizedClientRepository.class.getName() + ".";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	EncryptedSessionAuthorizedClientRepository(String secret) {
		this.key = new SecretKeySpec(derive(secret), "AES");
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(String registrationId,
			@Nullable Authentication principal, HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		Object blob = (session != null) ? session.getAttribute(ATTRIBUTE + registrationId) : null;
		if (!(blob instanceof byte[] sealed)) {
			return null;
		}
		try {
			return (T) deserialize(decrypt(sealed));
		}
		catch (GeneralSecurityException | IOException | ClassNotFoundException ex) {
			logger.warn("Dropping a stored GitLab sign-in that could not be decrypted ({})",
					ex.getClass().getSimpleName());
			session.removeAttribute(ATTRIBUTE + registrationId);
			return null;
		}
	}

	@Override
	public void saveAuthorizedClient(OAuth2AuthorizedClient client, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		try {
			request.getSession()
				.setAttribute(ATTRIBUTE + client.getClientRegistration().getRegistrationId(),
						encrypt(serialize(client)));
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Could not keep the GitLab sign-in", ex);
		}
	}

	@Override
	public void removeAuthorizedClient(String registrationId, @Nullable Authentication principal,
			HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(ATTRIBUTE + registrationId);
		}
	}

	private byte[] encrypt(byte[] plain) throws GeneralSecurityException {
		byte[] iv = new byte[IV_BYTES];
		this.random.nextBytes(iv);
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
		byte[] sealed = cipher.doFinal(plain);
		return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
	}

	private byte[] decrypt(byte[] blob) throws GeneralSecurityException {
		if (blob.length <= IV_BYTES) {
			throw new GeneralSecurityException("too short");
		}
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, blob, 0, IV_BYTES));
		return cipher.doFinal(blob, IV_BYTES, blob.length - IV_BYTES);
	}

	private static byte[] serialize(OAuth2AuthorizedClient client) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(client);
		}
		return bytes.toByteArray();
	}

	// only blobs this class sealed reach here: GCM authenticated them
	private static Object deserialize(byte[] plain) throws IOException, ClassNotFoundException {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(plain))) {
			return in.readObject();
		}
	}

	private static byte[] derive(String secret) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			sha256.update("token-portal/session-oauth-clients/v1".getBytes(StandardCharsets.UTF_8));
			return sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

}
