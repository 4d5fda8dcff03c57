package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A GitLab user's account as {@code GET /users/:id} shows it to the service account:
 * whether it may still sign in and act.
 *
 * @param id GitLab's user id
 * @param username the handle
 * @param state {@code active}, or {@code blocked}, {@code banned}, {@code deactivated},
 * {@code ldap_blocked}, {@code blocked_pending_approval}
 * @param publicEmail the address the user chose to show in their profile; empty or
 * {@code null} when none (gitlab-api.md §14)
 * @param email the primary address, sent only to administrators
 * @author Token Portal team
 */
public record GitLabAccount(long id, String username, String state,
		@JsonProperty("public_email") @Nullable String publicEmail, @Nullable String email) {

	/** The only state in which GitLab lets a user sign in and use the API. */
	public static final String ACTIVE = "active";

	/**
	 * Whether GitLab lets the user sign in and act.
	 * @return {@code true} when active
	 */
	public boolean active() {
		return ACTIVE.equals(this.state);
	}

	/**
	 * The address GitLab lets the service account see: the primary one when it is an
	 * administrator, otherwise the public one the user chose, if any.
	 * @return the address, or {@code null}
	 */
	public @Nullable String visibleEmail() {
		if (this.email != null && !this.email.isBlank()) {
			return this.email;
		}
		return (this.publicEmail != null && !this.publicEmail.isBlank()) ? this.publicEmail : null;
	}

}
