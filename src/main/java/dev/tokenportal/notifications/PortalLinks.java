package dev.tokenportal.notifications;

import java.util.UUID;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Absolute links into the portal, for messages read outside it.
 *
 * @param baseUrl where people reach the portal ({@code PORTAL_BASE_URL}), without a
 * trailing slash
 * @author Token Portal team
 */
@ConfigurationProperties("portal")
record PortalLinks(@DefaultValue("http://localhost:8080") String baseUrl) {

	PortalLinks {
		baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
	}

	String request(UUID id) {
		return this.baseUrl + "/requests/" + id;
	}

	/**
	 * The inventory page of the tokens GitLab has on a target.
	 * @param fullPath the target's full path
	 * @return the link
	 */
	String inventory(String fullPath) {
		return UriComponentsBuilder.fromUriString(this.baseUrl)
			.path("/inventory/gitlab")
			.queryParam("path", fullPath)
			.encode()
			.build()
			.toUriString();
	}

	String approvals() {
		return this.baseUrl + "/approvals";
	}

	String preferences() {
		return this.baseUrl + "/preferences";
	}

}
