package dev.tokenportal.security;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.jspecify.annotations.Nullable;

/**
 * Someone who has signed in, keyed by their GitLab user id (the OIDC {@code sub}), never
 * by e-mail. Username and name follow GitLab at each sign-in.
 *
 * @author Token Portal team
 */
@Entity
@Table(name = "portal_user")
public class PortalUser {

	@Id
	@Column(name = "gitlab_user_id")
	private Long gitlabUserId;

	private String username;

	private String name;

	private Instant firstLoginAt;

	private Instant lastLoginAt;

	private @Nullable String email;

	@Version
	private long version;

	protected PortalUser() {
	}

	PortalUser(long gitlabUserId, String username, String name, Instant now) {
		this.gitlabUserId = gitlabUserId;
		this.username = username;
		this.name = name;
		this.firstLoginAt = now;
		this.lastLoginAt = now;
	}

	void signedIn(String username, String name, @Nullable String email, Instant now) {
		this.username = username;
		this.name = name;
		this.email = email;
		this.lastLoginAt = now;
	}

	/**
	 * Follows GitLab's username and name, touching nothing else.
	 * @return {@code true} when either changed
	 */
	boolean renamed(String username, String name) {
		boolean changed = !username.equals(this.username) || !name.equals(this.name);
		this.username = username;
		this.name = name;
		return changed;
	}

	public long getGitlabUserId() {
		return this.gitlabUserId;
	}

	public String getUsername() {
		return this.username;
	}

	public String getName() {
		return this.name;
	}

	public Instant getFirstLoginAt() {
		return this.firstLoginAt;
	}

	public Instant getLastLoginAt() {
		return this.lastLoginAt;
	}

	/**
	 * The e-mail address GitLab gave at the last sign-in (the OIDC {@code email} claim),
	 * for notifications only; identity stays the GitLab id.
	 * @return the address, or {@code null} when GitLab gave none
	 */
	public @Nullable String getEmail() {
		return this.email;
	}

	@Override
	public String toString() {
		return "PortalUser[" + this.gitlabUserId + ", " + this.username + "]";
	}

}
