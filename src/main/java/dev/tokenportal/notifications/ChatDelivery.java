package dev.tokenportal.notifications;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Posts to a Slack-compatible incoming webhook ({@code {"text": …}}, which Mattermost
 * accepts too). Messages link to the portal; decisions are made there, so there are no
 * buttons.
 *
 * @author Token Portal team
 */
@Component
class ChatDelivery {

	private final RestClient http;

	ChatDelivery(RestClient.Builder builder) {
		// bounded, so that a hanging chat server cannot hold a listener thread for long
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(Duration.ofSeconds(2));
		requests.setReadTimeout(Duration.ofSeconds(10));
		this.http = builder.clone().requestFactory(requests).build();
	}

	/**
	 * Posts one line; any non-2xx answer throws, so the message is tried again later.
	 * @param webhookUrl the channel's webhook
	 * @param text the line
	 */
	void post(String webhookUrl, String text) {
		this.http.post()
			// a URI, not a template: a template would become the uri tag of
			// http.client.requests, and the webhook's path is its secret
			.uri(URI.create(webhookUrl))
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("text", text))
			.retrieve()
			.toBodilessEntity();
	}

	/**
	 * Escapes what Slack reads as markup in text that people typed.
	 * @param text the text
	 * @return the text with {@code &}, {@code <} and {@code >} escaped
	 */
	static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

}
