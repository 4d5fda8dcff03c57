package dev.tokenportal.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The reverse proxies in front of the portal.
 *
 * @param trustedProxies CIDR ranges (IPv4 or IPv6) of the proxies whose
 * {@code X-Forwarded-*} headers are believed ({@code PORTAL_TRUSTED_PROXIES}); empty
 * means forwarded headers are ignored
 * @param allowedHosts the host names the portal is published under
 * ({@code PORTAL_ALLOWED_HOSTS}); a request for any other gets 400. Empty answers to any
 * name, for development only
 * @author Token Portal team
 */
@ConfigurationProperties("portal.web")
record ProxyProperties(@DefaultValue List<String> trustedProxies, @DefaultValue List<String> allowedHosts) {

	ProxyProperties {
		trustedProxies = List.copyOf(trustedProxies);
		allowedHosts = List.copyOf(allowedHosts);
	}

}
