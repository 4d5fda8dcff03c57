package dev.tokenportal.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.postgresql.copy.CopyOut;

/**
 * Turns PostgreSQL's COPY text rows of the export columns into JSON Lines, in a single
 * pass over the bytes. PostgreSQL writes plain COPY text several times faster than it
 * builds JSON, and the conversion runs while it writes the next rows, so the export keeps
 * pace with a plain COPY.
 *
 * @author Token Portal team
 */
final class JsonLinesFromCopy {

	/**
	 * The exported columns, in COPY order, and whether each is written as a JSON number.
	 */
	static final String[] COLUMNS = { "seq", "event_id", "occurred_at", "actor_id", "actor_username", "client_ip",
			"user_agent", "correlation_id", "action", "outcome", "target_type", "target_id", "target_path",
			"request_id", "gitlab_token_id", "token_fingerprint", "details", "prev_hash", "hash", "hash_alg" };

	private static final boolean[] NUMERIC = new boolean[COLUMNS.length];

	private static final byte[][] KEYS = new byte[COLUMNS.length][];

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	static {
		for (int i = 0; i < COLUMNS.length; i++) {
			String column = COLUMNS[i];
			NUMERIC[i] = column.equals("seq") || column.equals("actor_id") || column.equals("target_id")
					|| column.equals("gitlab_token_id");
			KEYS[i] = (((i == 0) ? "{\"" : ",\"") + column + "\":").getBytes(StandardCharsets.US_ASCII);
		}
	}

	private JsonLinesFromCopy() {
	}

	/**
	 * Copies every row to the stream as one JSON object per line.
	 * @param copy the running COPY of {@link #COLUMNS}, text format
	 * @param out where to write
	 * @return the number of rows
	 */
	static long write(CopyOut copy, OutputStream out) throws SQLException, IOException {
		ByteSink sink = new ByteSink(out);
		long rows = 0;
		byte[] row;
		while ((row = copy.readFromCopy()) != null) {
			writeRow(row, sink);
			rows++;
		}
		sink.flush();
		return rows;
	}

	static void writeRow(byte[] row, ByteSink sink) throws IOException {
		int column = 0;
		int start = 0;
		int end = row.length;
		if (end > 0 && row[end - 1] == '\n') {
			end--;
		}
		for (int i = 0; i <= end; i++) {
			if (i == end || row[i] == '\t') {
				sink.write(KEYS[column]);
				writeValue(row, start, i, NUMERIC[column], sink);
				column++;
				start = i + 1;
			}
		}
		sink.write('}');
		sink.write('\n');
	}

	private static void writeValue(byte[] row, int from, int to, boolean numeric, ByteSink sink) throws IOException {
		if (to - from == 2 && row[from] == '\\' && row[from + 1] == 'N') {
			sink.write(NULL);
			return;
		}
		if (numeric) {
			sink.write(row, from, to - from);
			return;
		}
		sink.write('"');
		for (int i = from; i < to; i++) {
			int b = row[i] & 0xff;
			if (b == '\\' && i + 1 < to) {
				// COPY text escapes: \\ \t \n \r \b \f \v
				i++;
				b = switch (row[i]) {
					case 't' -> '\t';
					case 'n' -> '\n';
					case 'r' -> '\r';
					case 'b' -> '\b';
					case 'f' -> '\f';
					case 'v' -> 0x0b;
					default -> row[i] & 0xff;
				};
			}
			writeJsonChar(b, sink);
		}
		sink.write('"');
	}

	private static void writeJsonChar(int b, ByteSink sink) throws IOException {
		if (b == '"' || b == '\\') {
			sink.write('\\');
			sink.write(b);
		}
		else if (b < 0x20) {
			sink.write('\\');
			sink.write('u');
			sink.write('0');
			sink.write('0');
			sink.write(HEX[b >> 4]);
			sink.write(HEX[b & 0xf]);
		}
		else {
			// UTF-8 bytes above 0x7f pass through unchanged
			sink.write(b);
		}
	}

	private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

	/**
	 * A small output buffer without the synchronisation of {@code BufferedOutputStream}.
	 */
	static final class ByteSink {

		private final OutputStream out;

		private final byte[] buffer = new byte[64 * 1024];

		private int size;

		ByteSink(OutputStream out) {
			this.out = out;
		}

		void write(int b) throws IOException {
			if (this.size == this.buffer.length) {
				flushBuffer();
			}
			this.buffer[this.size++] = (byte) b;
		}

		void write(byte[] bytes) throws IOException {
			write(bytes, 0, bytes.length);
		}

		void write(byte[] bytes, int offset, int length) throws IOException {
			if (length > this.buffer.length - this.size) {
				flushBuffer();
				if (length > this.buffer.length) {
					this.out.write(bytes, offset, length);
					return;
				}
			}
			System.arraycopy(bytes, offset, this.buffer, this.size, length);
			this.size += length;
		}

		void flush() throws IOException {
			flushBuffer();
			this.out.flush();
		}

		private void flushBuffer() throws IOException {
			this.out.write(this.buffer, 0, this.size);
			this.size = 0;
		}

	}

}
