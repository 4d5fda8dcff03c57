package dev.tokenportal.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.SQLException;

import org.postgresql.copy.CopyManager;

/**
 * The two export formats, both produced by PostgreSQL's own {@code COPY ... TO STDOUT}
 * and streamed straight to the response: constant memory, and as fast as the database can
 * write. JSON Lines carries every field exactly as hashed, so an export can be verified
 * offline (README, {@code scripts/verify-audit-export.sh}); CSV is for people and
 * spreadsheets, and guards text cells against formula injection. Both hold sealed events
 * only, in chain order; how many await sealing is said beside the export.
 *
 * @author Token Portal team
 */
enum AuditExport {

	/** One JSON object per line. */
	JSONL("application/x-ndjson", "jsonl") {

		@Override
		String copySql(String where) {
			return "copy (select seq, event_id, " + ISO_INSTANT + " as occurred_at, actor_id, actor_username, "
					+ "client_ip, user_agent, correlation_id, action, outcome, target_type, target_id, target_path, "
					+ "request_id, gitlab_token_id, token_fingerprint, details, prev_hash, hash, hash_alg from audit_event "
					+ "where seq is not null and (" + where + ") order by seq) to stdout";
		}

		@Override
		void export(CopyManager copy, String where, OutputStream out) throws SQLException, IOException {
			// PostgreSQL writes plain COPY text several times faster than it builds JSON;
			// the rows become JSON here, while the database writes the next ones
			JsonLinesFromCopy.write(copy.copyOut(copySql(where)), out);
		}

	},

	/** Comma-separated values with a header row. */
	CSV("text/csv", "csv") {

		@Override
		String copySql(String where) {
			// every text column, even those the portal fills itself (client_ip came from
			// a
			// header once): a guard that never fires costs nothing
			return "copy (select seq, event_id, " + ISO_INSTANT + " as occurred_at, actor_id, "
					+ guard("actor_username") + ", " + guard("client_ip") + ", " + guard("user_agent") + ", "
					+ guard("correlation_id") + ", " + guard("action") + ", " + guard("outcome") + ", "
					+ guard("target_type") + ", target_id, " + guard("target_path") + ", request_id, gitlab_token_id, "
					+ guard("token_fingerprint") + ", " + guard("details") + ", " + guard("prev_hash") + ", "
					+ guard("hash") + " from audit_event where seq is not null and (" + where
					+ ") order by seq) to stdout with (format csv, header, force_quote *)";
		}

	};

	/**
	 * {@code occurred_at} written exactly as Java's {@code ISO_INSTANT} wrote it into the
	 * hash: UTC, fraction digits in groups of three, none for whole seconds.
	 */
	static final String ISO_INSTANT = "(to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') || "
			+ "case when extract(microseconds from occurred_at)::bigint % 1000000 = 0 then '' "
			+ "when extract(microseconds from occurred_at)::bigint % 1000 = 0 then '.' || "
			+ "lpad(((extract(microseconds from occurred_at)::bigint % 1000000) / 1000)::text, 3, '0') "
			+ "else '.' || lpad((extract(microseconds from occurred_at)::bigint % 1000000)::text, 6, '0') end || 'Z')";

	private final String contentType;

	private final String extension;

	AuditExport(String contentType, String extension) {
		this.contentType = contentType;
		this.extension = extension;
	}

	String contentType() {
		return this.contentType;
	}

	String extension() {
		return this.extension;
	}

	/**
	 * The COPY statement for the sealed events matching a condition, oldest first.
	 * @param where a condition with its values already written as safe literals
	 * @return the statement
	 */
	abstract String copySql(String where);

	/**
	 * Streams the events matching a condition to the output.
	 * @param copy the connection's COPY API, inside a transaction
	 * @param where a condition with its values already written as safe literals
	 * @param out where to write
	 */
	void export(CopyManager copy, String where, OutputStream out) throws SQLException, IOException {
		copy.copyOut(copySql(where), out);
	}

	/** A spreadsheet would run a cell starting with one of these as a formula. */
	private static String guard(String column) {
		return "case when " + column + " ~ '^[=+@\\t\\r-]' then '''' || " + column + " else " + column + " end as "
				+ column;
	}

}
