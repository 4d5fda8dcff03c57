package dev.tokenportal.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The {@code Idempotency-Key} header (IETF draft-ietf-httpapi-idempotency-key-header) on
 * the calls that change things: per user and endpoint, the first call's answer is kept
 * for {@code portal.api.idempotency-retention} (a day; {@link IdempotencyKeySweepJob}
 * deletes older keys) and given again to a retry with the same key and body. The same key
 * with another body is refused (422); a retry while the first call still runs is refused
 * (409). A call that fails leaves no key, so it can be tried again.
 *
 * @author Token Portal team
 */
@Component
class IdempotencyKeys {

	static final String HEADER = "Idempotency-Key";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final Duration keptFor;

	IdempotencyKeys(JdbcClient jdbc, Clock clock, ApiProperties properties) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.keptFor = properties.idempotencyRetention();
	}

	/**
	 * Claims a key for a call, or finds the answer the first call with it got.
	 * @param userId the caller
	 * @param endpoint the endpoint, e.g. {@code submit}
	 * @param key the header's value
	 * @param request what identifies the call: its path and canonical body
	 * @return the stored answer, or {@code null} when this call is the first
	 * @throws ApiBadRequestException when the key is not a valid key
	 * @throws IdempotencyConflictException when the key was used for another call, or its
	 * first call has not finished
	 */
	@Nullable Stored claim(long userId, String endpoint, String key, String request) {
		if (key.isEmpty() || key.length() > 255 || !key.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)) {
			throw new ApiBadRequestException("Idempotency-Key", "api.idempotency.invalidKey");
		}
		byte[] hash = sha256(request);
		Instant now = this.clock.instant();
		this.jdbc
			.sql("DELETE FROM api_idempotency_key WHERE user_id = ? AND endpoint = ? AND idempotency_key = ? "
					+ "AND created_at < ?")
			.params(userId, endpoint, key, Timestamp.from(now.minus(this.keptFor)))
			.update();
		int claimed = this.jdbc
			.sql("INSERT INTO api_idempotency_key (user_id, endpoint, idempotency_key, request_hash, created_at) "
					+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
			.params(userId, endpoint, key, hash, Timestamp.from(now))
			.update();
		if (claimed == 1) {
			return null;
		}
		List<Row> rows = this.jdbc
			.sql("SELECT request_hash, response_status, response_body::text AS body, response_location "
					+ "FROM api_idempotency_key WHERE user_id = ? AND endpoint = ? AND idempotency_key = ?")
			.params(userId, endpoint, key)
			.query((rs, n) -> new Row(rs.getBytes(1), (Integer) rs.getObject(2), rs.getString(3), rs.getString(4)))
			.list();
		if (rows.isEmpty()) {
			// removed by a failed first call just now: this one may go ahead
			return claim(userId, endpoint, key, request);
		}
		Row row = rows.get(0);
		if (!Arrays.equals(row.hash(), hash)) {
			throw new IdempotencyConflictException(HttpStatus.UNPROCESSABLE_CONTENT, "idempotency-key-reused");
		}
		if (row.status() == null || row.body() == null) {
			throw new IdempotencyConflictException(HttpStatus.CONFLICT, "idempotency-key-in-flight");
		}
		return new Stored(row.status(), row.body(), row.location());
	}

	/**
	 * Keeps the first call's answer.
	 * @param body the answer's JSON, never with a token's value
	 */
	void complete(long userId, String endpoint, String key, int status, String body, @Nullable String location) {
		this.jdbc
			.sql("UPDATE api_idempotency_key SET response_status = ?, response_body = ?::jsonb, "
					+ "response_location = ? WHERE user_id = ? AND endpoint = ? AND idempotency_key = ?")
			.params(status, body, location, userId, endpoint, key)
			.update();
	}

	/** Frees a key whose call failed. */
	void release(long userId, String endpoint, String key) {
		this.jdbc
			.sql("DELETE FROM api_idempotency_key WHERE user_id = ? AND endpoint = ? AND idempotency_key = ? "
					+ "AND response_status IS NULL")
			.params(userId, endpoint, key)
			.update();
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Row(byte[] hash, @Nullable Integer status, @Nullable String body, @Nullable String location) {
	}

	/**
	 * The first call's answer.
	 *
	 * @param status its status
	 * @param body its JSON
	 * @param location its {@code Location}, if any
	 */
	record Stored(int status, String body, @Nullable String location) {
	}

}
