package dev.tokenportal.notifications;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code notification} table: what the portal meant to send for each event and what
 * it did send. Each step commits on its own, so a listener that fails half-way leaves
 * behind exactly what was sent, and its retry sends only the rest.
 *
 * @author Token Portal team
 */
@Component
class NotificationLog {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	NotificationLog(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactionManager);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Records the messages meant for an event; those recorded by an earlier run stay as
	 * they were.
	 * @param eventKey the event
	 * @param requestId its request, {@code null} for an event about no request
	 * @param messages the messages
	 */
	void record(String eventKey, @Nullable UUID requestId, List<Outgoing> messages) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.ownTransaction.executeWithoutResult((status) -> {
			for (Outgoing message : messages) {
				this.jdbc.update("""
						INSERT INTO notification (event_key, recipient, channel, request_id, kind,
						  recipient_username, address, created_at)
						VALUES (?, ?, ?, ?, ?, ?, ?, ?)
						ON CONFLICT (event_key, recipient, channel) DO NOTHING""", eventKey, message.recipient(),
						message.channel().name(), requestId, message.kind().name(), message.username(),
						message.storedAddress(), now);
			}
		});
	}

	/**
	 * Sends a message unless it was sent already, and marks it sent in the same
	 * transaction. The row stays locked while it is sent, so a second run of the same
	 * event waits and then finds it sent.
	 * @param eventKey the event
	 * @param message the message
	 * @param delivery sends it; throws when it could not
	 * @return {@code true} if it was sent now, {@code false} if it had been sent before
	 * @throws NotSent when the delivery failed; the message stays unsent
	 */
	boolean sendOnce(String eventKey, Outgoing message, Runnable delivery) {
		Boolean sent = this.ownTransaction.execute((status) -> {
			List<Long> unsent = this.jdbc.queryForList("""
					SELECT id FROM notification
					WHERE event_key = ? AND recipient = ? AND channel = ? AND sent_at IS NULL
					FOR UPDATE""", Long.class, eventKey, message.recipient(), message.channel().name());
			if (unsent.isEmpty()) {
				return false;
			}
			try {
				delivery.run();
			}
			catch (RuntimeException ex) {
				throw new NotSent(unsent.get(0), ex);
			}
			this.jdbc.update("UPDATE notification SET sent_at = ? WHERE id = ?", Timestamp.from(this.clock.instant()),
					unsent.get(0));
			return true;
		});
		return Boolean.TRUE.equals(sent);
	}

	/**
	 * Owners the portal wanted to e-mail about a request but found no address for.
	 * @param requestId the request
	 * @return their usernames, sorted
	 */
	List<String> unreachable(UUID requestId) {
		return this.jdbc.queryForList("""
				SELECT DISTINCT recipient_username FROM notification
				WHERE request_id = ? AND channel IN ('EMAIL', 'DIGEST') AND address IS NULL
				  AND kind IN ('APPROVAL_NEEDED', 'LAPSING_PENDING')
				  AND recipient_username IS NOT NULL
				ORDER BY recipient_username""", String.class, requestId);
	}

	/**
	 * The digest entries waiting for a recipient.
	 * @return the recipients with entries waiting
	 */
	List<DigestEntry> unsentDigestEntries() {
		return this.jdbc.query("""
				SELECT id, recipient, recipient_username, address, request_id FROM notification
				WHERE channel = 'DIGEST' AND sent_at IS NULL AND address IS NOT NULL
				ORDER BY recipient, created_at""",
				(rs, row) -> new DigestEntry(rs.getLong("id"), rs.getString("recipient"),
						rs.getString("recipient_username"), rs.getString("address"),
						rs.getObject("request_id", UUID.class)));
	}

	/**
	 * Marks digest entries as done (sent, or no longer waiting), in their own
	 * transaction.
	 * @param ids the entries
	 */
	void markSent(List<Long> ids) {
		Timestamp now = Timestamp.from(this.clock.instant());
		this.ownTransaction.executeWithoutResult((status) -> {
			for (Long id : ids) {
				this.jdbc.update("UPDATE notification SET sent_at = ? WHERE id = ? AND sent_at IS NULL", now, id);
			}
		});
	}

	/**
	 * A message could not be sent; it stays unsent, to be tried again.
	 */
	static final class NotSent extends RuntimeException {

		private final long notificationId;

		NotSent(long notificationId, RuntimeException cause) {
			super("Notification " + notificationId + " not sent", cause);
			this.notificationId = notificationId;
		}

		long notificationId() {
			return this.notificationId;
		}

	}

	/**
	 * One request waiting in someone's digest.
	 *
	 * @param id the row
	 * @param recipient {@code user:<id>}
	 * @param username their username
	 * @param address their e-mail address
	 * @param requestId the request
	 */
	record DigestEntry(long id, String recipient, String username, String address, UUID requestId) {

	}

}
