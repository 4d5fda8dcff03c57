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
 * @author Token Portal team
 */
@ConfigurationProperties("portal.web")
record ProxyProperties(@DefaultValue List<String> trustedProxies) {

	ProxyProperties {
		trustedProxies = List.copyOf(trustedProxies);
	}

}
