package dev.tokenportal.audit;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Asks the database, at startup, whether the role the portal runs as could change or
 * remove audit rows, whatever that role is called and however it got the right (its own
 * grants, a group, ownership, superuser), and says so in the log. The migrations take
 * these rights away from the configured runtime role; this catches a deployment where the
 * portal runs as another one.
 *
 * @author Token Portal team
 */
@Component
class AuditRights {

	private static final Logger logger = LoggerFactory.getLogger(AuditRights.class);

	private static final List<String> TABLES = List.of("audit_event", "audit_checkpoint");

	private final JdbcTemplate jdbc;

	AuditRights(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnWhenAuditRowsCanBeChanged() {
		try {
			excessRights().ifPresent((problem) -> logger.warn(
					"{}. Run the portal as a role of its own and name it in PORTAL_DB_RUNTIME_ROLE (db/bootstrap.sql)",
					problem));
		}
		catch (DataAccessException ex) {
			logger.warn("Could not check the database rights on the audit tables", ex);
		}
	}

	/**
	 * What the current database role may do to audit rows beyond reading and appending.
	 * @return a description, or empty when it may only read and append
	 */
	Optional<String> excessRights() {
		for (String table : TABLES) {
			Boolean excess = this.jdbc.queryForObject(
					"select has_table_privilege(?, 'UPDATE, DELETE, TRUNCATE') or pg_has_role(relowner, 'USAGE') "
							+ "from pg_class where oid = to_regclass(?)",
					Boolean.class, table, table);
			if (Boolean.TRUE.equals(excess)) {
				String role = this.jdbc.queryForObject("select current_user", String.class);
				return Optional.of("The database role \"" + role + "\" that runs the portal can change, remove or "
						+ "truncate rows of " + table + " by privilege; only the append-only triggers stop it");
			}
		}
		return Optional.empty();
	}

}
