package dev.tokenportal.gitlab;

/**
 * A GitLab user's account as {@code GET /users/:id} shows it to the service account:
 * whether it may still sign in and act.
 *
 * @param id GitLab's user id
 * @param username the handle
 * @param state {@code active}, or {@code blocked}, {@code banned}, {@code deactivated},
 * {@code ldap_blocked}, {@code blocked_pending_approval}
 * @author Token Portal team
 */
public record GitLabAccount(long id, String username, String state) {

	/** The only state in which GitLab lets a user sign in and use the API. */
	public static final String ACTIVE = "active";

	/**
	 * Whether GitLab lets the user sign in and act.
	 * @return {@code true} when active
	 */
	public boolean active() {
		return ACTIVE.equals(this.state);
	}

}
