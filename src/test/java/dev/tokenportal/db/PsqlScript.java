package dev.tokenportal.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs an operator's psql script over JDBC, so a test can execute
 * {@code db/bootstrap.sql} as it is without a psql binary: {@code :'var'} and
 * {@code :"var"} interpolation, {@code \connect db}, {@code \set var value}, defaults
 * with {@code \if :{?var}} / {@code \else} / {@code \endif}, one statement per {@code ;}
 * at a line end.
 *
 * @author Token Portal team
 */
final class PsqlScript {

	private static final Pattern DEFINED = Pattern.compile("\\\\if :\\{\\?(\\w+)}");

	private final List<String> lines;

	private PsqlScript(List<String> lines) {
		this.lines = lines;
	}

	static PsqlScript read(Path file) {
		try {
			return new PsqlScript(Files.readAllLines(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Runs the script.
	 * @param jdbcUrlForDatabase a JDBC URL for a database name, connecting as a superuser
	 * @param startDatabase the database to start in
	 * @param variables the {@code -v} variables
	 */
	void run(Function<String, String> jdbcUrlForDatabase, String startDatabase, Map<String, String> variables)
			throws SQLException {
		Map<String, String> values = new HashMap<>(variables);
		Deque<Boolean> branches = new ArrayDeque<>();
		Connection connection = DriverManager.getConnection(jdbcUrlForDatabase.apply(startDatabase));
		try {
			StringBuilder statement = new StringBuilder();
			for (String raw : this.lines) {
				String stripped = raw.strip();
				if (stripped.startsWith("\\if ")) {
					Matcher defined = DEFINED.matcher(stripped);
					if (!defined.matches()) {
						throw new IllegalArgumentException("Only \\if :{?var} is supported: " + stripped);
					}
					branches.push(values.containsKey(defined.group(1)));
					continue;
				}
				if (stripped.equals("\\else")) {
					branches.push(!branches.pop());
					continue;
				}
				if (stripped.equals("\\endif")) {
					branches.pop();
					continue;
				}
				if (branches.contains(false)) {
					continue;
				}
				String line = interpolate(stripped, values);
				if (line.isEmpty() || line.startsWith("--")) {
					continue;
				}
				if (line.startsWith("\\set")) {
					String[] parts = line.split("\\s+", 3);
					values.put(parts[1], (parts.length > 2) ? parts[2] : "");
					continue;
				}
				if (line.startsWith("\\connect")) {
					connection.close();
					String database = line.substring("\\connect".length()).strip().replace("\"", "");
					connection = DriverManager.getConnection(jdbcUrlForDatabase.apply(database));
					continue;
				}
				statement.append(line).append('\n');
				if (line.endsWith(";")) {
					try (Statement sql = connection.createStatement()) {
						sql.execute(statement.toString());
					}
					statement.setLength(0);
				}
			}
		}
		finally {
			connection.close();
		}
	}

	private static String interpolate(String line, Map<String, String> variables) {
		String result = line;
		for (Map.Entry<String, String> variable : variables.entrySet()) {
			result = result.replace(":'" + variable.getKey() + "'", "'" + variable.getValue().replace("'", "''") + "'")
				.replace(":\"" + variable.getKey() + "\"", "\"" + variable.getValue().replace("\"", "\"\"") + "\"");
		}
		return result;
	}

}
