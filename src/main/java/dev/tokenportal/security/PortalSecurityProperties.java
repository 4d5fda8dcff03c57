package dev.tokenportal.security;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
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
 * @author Token Portal team
 */
@Validated
@ConfigurationProperties("portal.security")
public record PortalSecurityProperties(@DefaultValue List<String> auditorGroups,
		@DefaultValue List<String> auditorUsernames, @DefaultValue List<String> adminUsernames,
		@DefaultValue("12h") Duration absoluteSessionTimeout, @NotBlank(
				message = "set PORTAL_SESSION_SECRET (or GITLAB_CLIENT_SECRET, its default)") @Nullable String sessionSecret) {

	@Override
	public String toString() {
		return "PortalSecurityProperties[auditorGroups=" + this.auditorGroups + ", auditorUsernames="
				+ this.auditorUsernames + ", adminUsernames=" + this.adminUsernames + ", absoluteSessionTimeout="
				+ this.absoluteSessionTimeout + ", sessionSecret=******]";
	}

}
