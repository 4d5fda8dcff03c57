package dev.tokenportal.security;

import java.time.Clock;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Keeps the record of who has signed in and when.
 *
 * @author Token Portal team
 */
@Service
public class PortalUserService {

	private final PortalUserRepository users;

	private final Clock clock;

	PortalUserService(PortalUserRepository users, Clock clock) {
		this.users = users;
		this.clock = clock;
	}

	/**
	 * Records a sign-in: the first one creates the user, later ones refresh their name
	 * and the time of their last sign-in.
	 * @param gitlabUserId GitLab's user id
	 * @param username the GitLab username now
	 * @param name the display name now
	 * @return the user
	 */
	@Transactional
	public PortalUser recordLogin(long gitlabUserId, String username, String name) {
		return recordLogin(gitlabUserId, username, name, null);
	}

	/**
	 * Records a sign-in: the first one creates the user, later ones refresh their name,
	 * their e-mail address and the time of their last sign-in.
	 * @param gitlabUserId GitLab's user id
	 * @param username the GitLab username now
	 * @param name the display name now
	 * @param email the address GitLab gave now (OIDC {@code email}), or {@code null}
	 * @return the user
	 */
	@Transactional
	public PortalUser recordLogin(long gitlabUserId, String username, String name, @Nullable String email) {
		PortalUser user = this.users.findById(gitlabUserId)
			.orElseGet(() -> new PortalUser(gitlabUserId, username, name, this.clock.instant()));
		user.signedIn(username, name, (email != null && !email.isBlank()) ? email : null, this.clock.instant());
		return this.users.save(user);
	}

	/**
	 * Records a call to the API with the user's GitLab token: the first one creates the
	 * user; the name follows GitLab; the e-mail address from the last sign-in stays.
	 * @param gitlabUserId GitLab's user id
	 * @param username the GitLab username now
	 * @param name the display name now
	 */
	@Transactional
	public void recordApiCall(long gitlabUserId, String username, String name) {
		Optional<PortalUser> known = this.users.findById(gitlabUserId);
		if (known.isEmpty()) {
			this.users.save(new PortalUser(gitlabUserId, username, name, this.clock.instant()));
		}
		else if (known.get().renamed(username, name)) {
			this.users.save(known.get());
		}
	}

	/**
	 * A user by GitLab id.
	 * @param gitlabUserId GitLab's user id
	 * @return the user, if they have ever signed in
	 */
	@Transactional(readOnly = true)
	public Optional<PortalUser> find(long gitlabUserId) {
		return this.users.findById(gitlabUserId);
	}

}
