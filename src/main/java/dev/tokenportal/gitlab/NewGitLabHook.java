package dev.tokenportal.gitlab;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A webhook the portal asks GitLab to add: access token events only, TLS verified.
 *
 * @param url the portal's receiver
 * @param token the shared secret GitLab sends back as {@code X-Gitlab-Token}
 * @author Token Portal team
 */
public record NewGitLabHook(String url, String token) {

	@JsonProperty("resource_access_token_events")
	public boolean resourceAccessTokenEvents() {
		return true;
	}

	/** GitLab turns push events on unless told otherwise. */
	@JsonProperty("push_events")
	public boolean pushEvents() {
		return false;
	}

	@JsonProperty("enable_ssl_verification")
	public boolean enableSslVerification() {
		return true;
	}

	@Override
	public String toString() {
		return "NewGitLabHook[url=" + this.url + ", token=******]";
	}

}
