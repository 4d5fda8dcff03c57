package dev.tokenportal.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain's rules: the canonical form of an event and its SHA-256. The canonical
 * form is a compact JSON array of the fields in a fixed order, ending with the previous
 * hash, so an export can be re-hashed with standard tools ({@code jq -c},
 * {@code sha256sum}).
 *
 * @author Token Portal team
 */
public final class AuditChain {

	/** The {@code prev_hash} of the first event. */
	public static final String GENESIS = "0".repeat(64);

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
		.build();

	private AuditChain() {
	}

	/**
	 * The event's hash over its canonical form.
	 * @param event the event (its own {@code hash} is ignored)
	 * @return lowercase hex SHA-256
	 */
	public static String hash(AuditEvent event) {
		return sha256(canonical(event));
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

}
