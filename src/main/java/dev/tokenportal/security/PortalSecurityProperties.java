package dev.tokenportal.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who the portal trusts with more than a developer's view, and how long a sign-in lasts.
 *
 * @param auditorGroups GitLab group full paths whose members are security auditors
 * ({@code PORTAL_SECURITY_AUDITOR_GROUPS})
 * @param auditorUsernames GitLab usernames that are security auditors
 * @param adminUsernames GitLab usernames that are portal admins
 * @param absoluteSessionTimeout how long a sign-in lasts however active it is (the idle
 * timeout is {@code server.servlet.session.timeout})
 * @param sessionSecret the secret from which the key that encrypts users' GitLab tokens
 * in their sessions is derived ({@code PORTAL_SESSION_SECRET}, by default the OAuth
 * client secret)
 * @param userRecheckInterval how often, at most, a signed-in user is asked of GitLab
 * again (still active, still in the auditor groups); at most 10 minutes
 * ({@code PORTAL_USER_RECHECK_INTERVAL})
 * @author Token Portal team
 */
@Validated
@ConfigurationProperties("portal.security")
public record PortalSecurityProperties(@DefaultValue List<String> auditorGroups,
		@DefaultValue List<String> auditorUsernames, @DefaultValue List<String> adminUsernames,
		@DefaultValue("12h") Duration absoluteSessionTimeout,
		@NotBlank(
				message = "set PORTAL_SESSION_SECRET (or GITLAB_CLIENT_SECRET, its default)") @Nullable String sessionSecret,
		@DefaultValue("1m") @DurationMin(seconds = 1) @DurationMax(minutes = 10) Duration userRecheckInterval) {

	/** The longest a role that comes from GitLab may go without being asked again. */
	public static final Duration MAX_USER_RECHECK_INTERVAL = Duration.ofMinutes(10);

	@Override
	public String toString() {
		return "PortalSecurityProperties[auditorGroups=" + this.auditorGroups + ", auditorUsernames="
				+ this.auditorUsernames + ", adminUsernames=" + this.adminUsernames + ", absoluteSessionTimeout="
				+ this.absoluteSessionTimeout + ", sessionSecret=******, userRecheckInterval="
				+ this.userRecheckInterval + "]";
	}

}
