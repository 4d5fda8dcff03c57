package dev.tokenportal.notifications;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts messages sent and attempts that failed (each is tried again later), by channel
 * ({@code email}, {@code chat}, {@code digest}) and kind ({@code approval_needed},
 * {@code digest}…): {@code portal.notifications.sent} and
 * {@code portal.notifications.failed}. Never a recipient.
 *
 * @author Token Portal team
 */
@Component
class NotificationMetrics {

	static final String SENT = "portal.notifications.sent";

	static final String FAILED = "portal.notifications.failed";

	private final MeterRegistry meters;

	NotificationMetrics(MeterRegistry meters) {
		this.meters = meters;
	}

	void sent(Channel channel, String kind) {
		counter(SENT, "Messages sent, by channel and kind", channel, kind).increment();
	}

	void failed(Channel channel, String kind) {
		counter(FAILED, "Attempts to send a message that failed (it is tried again)", channel, kind).increment();
	}

	private Counter counter(String name, String description, Channel channel, String kind) {
		return Counter.builder(name)
			.description(description)
			.tags("channel", channel.name().toLowerCase(Locale.ROOT), "kind", kind.toLowerCase(Locale.ROOT))
			.register(this.meters);
	}

}
