package dev.tokenportal.audit;

import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Lets tests outside the audit package run the portal's startup check of audit rights.
 *
 * @author Token Portal team
 */
public final class AuditRightsAccess {

	private AuditRightsAccess() {
	}

	/**
	 * The startup check, as the datasource's role.
	 * @param jdbc the datasource
	 * @return what that role may do beyond reading and appending, if anything
	 */
	public static Optional<String> excessRights(JdbcTemplate jdbc) {
		return new AuditRights(jdbc).excessRights();
	}

}
