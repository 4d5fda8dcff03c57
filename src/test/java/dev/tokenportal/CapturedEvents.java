package dev.tokenportal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;

/**
 * Every event the portal publishes while a test runs, on any thread (a webhook is handled
 * on a server thread, where {@code @RecordApplicationEvents} does not look), without a
 * context of its own: {@link #start} in {@code @BeforeEach}, {@link #stop} in
 * {@code @AfterEach}.
 *
 * @author Token Portal team
 */
public final class CapturedEvents {

	private final List<Object> events = new CopyOnWriteArrayList<>();

	private final ApplicationListener<PayloadApplicationEvent<?>> listener = (event) -> this.events
		.add(event.getPayload());

	private final ConfigurableApplicationContext context;

	private CapturedEvents(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Starts capturing.
	 * @param context the portal
	 * @return the capture
	 */
	public static CapturedEvents start(ConfigurableApplicationContext context) {
		CapturedEvents captured = new CapturedEvents(context);
		context.addApplicationListener(captured.listener);
		return captured;
	}

	/**
	 * The events of a type published so far, oldest first.
	 * @param <T> the type
	 * @param type the type
	 * @return the events
	 */
	public <T> List<T> of(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** Stops capturing. */
	public void stop() {
		this.context.removeApplicationListener(this.listener);
	}

}
