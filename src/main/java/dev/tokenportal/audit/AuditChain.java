package dev.tokenportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * The chain's rules: the canonical form of an event and how it is sealed. The canonical
 * form is a compact JSON array of the fields in a fixed order, ending with the previous
 * hash, so an export can be re-hashed with standard tools ({@code jq -c},
 * {@code sha256sum} or {@code openssl dgst -hmac}). Events are sealed with HMAC-SHA256
 * under the audit key, which the database never sees: with the database credentials
 * alone, nobody can add an event or a checkpoint that verifies. Events written before the
 * chain was keyed keep their plain SHA-256 and still verify, but only before the first
 * keyed event.
 *
 * @author Token Portal team
 */
@Component
public class AuditChain {

	/** The {@code prev_hash} of the first event. */
	public static final String GENESIS = "0".repeat(64);

	/** {@code hash_alg} of events written before the chain was keyed. */
	public static final String PLAIN = "sha256";

	/** {@code hash_alg} of events sealed with the audit key. */
	public static final String KEYED = "hmac-sha256";

	private static final String HMAC = "HmacSHA256";

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private final SecretKeySpec key;

	private final Mac prototype;

	AuditChain(AuditProperties properties) {
		this.key = new SecretKeySpec(String.valueOf(properties.chainKey()).getBytes(StandardCharsets.UTF_8), HMAC);
		this.prototype = newMac();
	}

	/**
	 * The seal of a new event: HMAC-SHA256 of its canonical form under the audit key.
	 * @param event the event (its own {@code hash} is ignored)
	 * @return lowercase hex
	 */
	String seal(AuditEvent event) {
		return hmac(canonical(event));
	}

	/**
	 * Whether an event's stored hash matches its fields, by the form it says it uses.
	 * Which events may use the plain form is the verifier's rule.
	 * @param event a stored event
	 * @return {@code true} when intact
	 */
	public boolean matches(AuditEvent event) {
		String expected = switch (event.hashAlg()) {
			case KEYED -> seal(event);
			case PLAIN -> sha256(canonical(event));
			default -> null;
		};
		String stored = event.hash();
		return expected != null && stored != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
				stored.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The MAC of a leaf as appended, over every field but its place in the chain, so that
	 * the sequencer seals only leaves the portal wrote, unchanged.
	 * @param event the leaf (its {@code seq}, {@code prevHash} and {@code hash} are
	 * ignored)
	 * @return lowercase hex HMAC-SHA256
	 */
	String leafMac(AuditEvent event) {
		List<Object> fields = Arrays.asList("audit-leaf", event.eventId().toString(),
				DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()), event.actorId(), event.actorUsername(),
				event.clientIp(), event.userAgent(), event.correlationId(), event.action(), event.outcome(),
				event.targetType(), event.targetId(), event.targetPath(),
				(event.requestId() != null) ? event.requestId().toString() : null, event.gitlabTokenId(),
				event.tokenFingerprint(), event.details(), event.hashAlg());
		return hmac(JSON.writeValueAsString(fields));
	}

	/**
	 * Whether a stored leaf's MAC matches its fields.
	 * @param event the leaf
	 * @param mac its stored MAC
	 * @return {@code true} when the portal wrote it and nobody changed it since
	 */
	boolean leafMatches(AuditEvent event, @Nullable String mac) {
		return mac != null && MessageDigest.isEqual(leafMac(event).getBytes(StandardCharsets.US_ASCII),
				mac.getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The MAC of a verification checkpoint, so that a checkpoint written with the
	 * database credentials alone is not taken as a starting point.
	 * @param seq the event up to which the chain was intact
	 * @param hash that event's hash
	 * @param verifiedAt when (microseconds, as stored)
	 * @return lowercase hex HMAC-SHA256
	 */
	String checkpointMac(long seq, String hash, Instant verifiedAt) {
		return hmac(JSON.writeValueAsString(List.of("audit-checkpoint", seq, hash,
				DateTimeFormatter.ISO_INSTANT.format(verifiedAt.truncatedTo(ChronoUnit.MICROS)))));
	}

	/**
	 * The canonical form that is hashed.
	 * @param event the event
	 * @return a compact JSON array
	 */
	public static String canonical(AuditEvent event) {
		List<Object> fields = Arrays.asList(event.seq(), event.eventId().toString(),
				DateTimeFormatter.ISO_INSTANT.format(event.occurredAt()), event.actorId(), event.actorUsername(),
				event.clientIp(), event.userAgent(), event.correlationId(), event.action(), event.outcome(),
				event.targetType(), event.targetId(), event.targetPath(),
				(event.requestId() != null) ? event.requestId().toString() : null, event.gitlabTokenId(),
				event.tokenFingerprint(), event.details(), event.prevHash());
		return JSON.writeValueAsString(fields);
	}

	/**
	 * A details map as canonical JSON (keys sorted).
	 * @param details the details
	 * @return a compact JSON object
	 */
	static String canonicalDetails(Map<String, Object> details) {
		return JSON.writeValueAsString(details);
	}

	static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every JRE", ex);
		}
	}

	private String hmac(String text) {
		Mac mac;
		try {
			// a Mac is not thread-safe; a clone of an initialised one is the cheapest
			// copy
			mac = (Mac) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			mac = newMac();
		}
		return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is part of every JRE", ex);
		}
	}

}
