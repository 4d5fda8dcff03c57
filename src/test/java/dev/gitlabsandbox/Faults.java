package dev.gitlabsandbox;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Scripted failures and the call log. Pick calls by method and path, then say what goes
 * wrong:
 *
 * <pre class="code">
 * sandbox.faults().on("POST", "/api/v4/projects/*&#47;access_tokens").respond(502, "{}").times(1);
 * sandbox.faults().on("POST", "/api/v4/projects/*&#47;access_tokens").dropConnectionAfterAction().times(1);
 * sandbox.faults().on("GET", "/api/v4/**").delay(Duration.ofSeconds(3));
 * sandbox.faults().on("*", "/api/v4/**").rateLimit(30).times(2);
 * </pre>
 *
 * A fault applies to every matching call until {@link #clear() cleared}, or to the next
 * {@link Fault#times(int) n}. Delays add up and precede the outcome; the first other
 * fault that matches decides it. In globs {@code *} is one raw path segment ({@code %2F}
 * included) and {@code **} any run of characters.
 *
 * @author Token Portal team
 */
public final class Faults {

	private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

	private final List<Fault> faults = new CopyOnWriteArrayList<>();

	private final List<RecordedCall> calls = new ArrayList<>();

	Faults() {
	}

	/**
	 * Select calls by method ({@code "*"} for any) and path glob.
	 * @param method the HTTP method
	 * @param pathGlob for example {@code /api/v4/groups/*&#47;access_tokens/**}
	 * @return the selection, to attach a fault to
	 */
	public When on(String method, String pathGlob) {
		return new When(method, glob(pathGlob));
	}

	public When on(String method, Pattern pathRegex) {
		return new When(method, pathRegex);
	}

	/**
	 * Remove every fault (the call log stays).
	 */
	public void clear() {
		this.faults.clear();
	}

	/**
	 * Every request received since start or the last {@link #clearCalls()}, in order.
	 * @return the calls
	 */
	public List<RecordedCall> calls() {
		synchronized (this.calls) {
			return List.copyOf(this.calls);
		}
	}

	/**
	 * The calls that match a method ({@code "*"} for any) and path glob.
	 * @param method the HTTP method
	 * @param pathGlob the path glob, as for {@link #on(String, String)}
	 * @return the matching calls, in order
	 */
	public List<RecordedCall> calls(String method, String pathGlob) {
		Pattern path = glob(pathGlob);
		return calls().stream()
			.filter((call) -> matches(method, call.method()) && path.matcher(call.path()).matches())
			.toList();
	}

	public void clearCalls() {
		synchronized (this.calls) {
			this.calls.clear();
		}
	}

	void record(RecordedCall call) {
		synchronized (this.calls) {
			this.calls.add(call);
		}
	}

	/**
	 * Decide what happens to one call, consuming counted faults.
	 * @param method the HTTP method
	 * @param path the raw path
	 * @return the total delay and the fault that decides the outcome, if any
	 */
	synchronized Plan plan(String method, String path) {
		Duration delay = Duration.ZERO;
		Fault outcome = null;
		for (Fault fault : this.faults) {
			if (fault.matches(method, path) && (fault.kind == Kind.DELAY || outcome == null) && fault.consume()) {
				if (fault.kind == Kind.DELAY) {
					delay = delay.plus(fault.delay);
				}
				else {
					outcome = fault;
				}
			}
		}
		return new Plan(delay, outcome);
	}

	private static Pattern glob(String glob) {
		StringBuilder regex = new StringBuilder();
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
				regex.append(".*");
				i++;
			}
			else if (c == '*') {
				regex.append("[^/]+");
			}
			else {
				regex.append(Pattern.quote(String.valueOf(c)));
			}
		}
		return Pattern.compile(regex.toString());
	}

	private static boolean matches(String expected, String method) {
		return expected.equals("*") || expected.equalsIgnoreCase(method);
	}

	/**
	 * Calls selected by method and path; each method attaches a fault to them.
	 */
	public final class When {

		private final String method;

		private final Pattern path;

		private When(String method, Pattern path) {
			this.method = method;
			this.path = path;
		}

		/**
		 * Add latency before the call is handled.
		 * @param delay the added latency
		 * @return the fault
		 */
		public Fault delay(Duration delay) {
			return add(new Fault(this, Kind.DELAY, delay, 0, "", 0));
		}

		/**
		 * Answer with this status and JSON body without performing the action.
		 * @param status the HTTP status
		 * @param jsonBody the body, sent as {@code application/json}
		 * @return the fault
		 */
		public Fault respond(int status, String jsonBody) {
			return add(new Fault(this, Kind.RESPOND, Duration.ZERO, status, jsonBody, 0));
		}

		/**
		 * Perform the action (a token is created), then close the connection without a
		 * response: the client sees an I/O error.
		 * @return the fault
		 */
		public Fault dropConnectionAfterAction() {
			return add(new Fault(this, Kind.DROP, Duration.ZERO, 0, "", 0));
		}

		/**
		 * Answer like a Rack::Attack throttle (gitlab-api.md §8.3): 429,
		 * {@code text/plain} {@code Retry later}, {@code Retry-After} and
		 * {@code RateLimit-*} headers. The action is not performed.
		 * @param retryAfterSeconds the {@code Retry-After} value
		 * @return the fault
		 */
		public Fault rateLimit(int retryAfterSeconds) {
			return add(new Fault(this, Kind.RATE_LIMIT, Duration.ZERO, 429, "", retryAfterSeconds));
		}

		private Fault add(Fault fault) {
			Faults.this.faults.add(fault);
			return fault;
		}

	}

	/**
	 * One scripted fault.
	 */
	public static final class Fault {

		private final When when;

		private final Kind kind;

		private final Duration delay;

		private final int status;

		private final String body;

		private final int retryAfterSeconds;

		/** Calls left to affect; -1 means every call until cleared. */
		private final AtomicInteger remaining = new AtomicInteger(-1);

		private Fault(When when, Kind kind, Duration delay, int status, String body, int retryAfterSeconds) {
			this.when = when;
			this.kind = kind;
			this.delay = delay;
			this.status = status;
			this.body = body;
			this.retryAfterSeconds = retryAfterSeconds;
		}

		/**
		 * Apply this fault to the next {@code count} matching calls only.
		 * @param count how many calls
		 * @return this fault
		 */
		public Fault times(int count) {
			this.remaining.set(count);
			return this;
		}

		boolean dropsConnection() {
			return this.kind == Kind.DROP;
		}

		/**
		 * The response that replaces the action, or {@code null} when the action runs.
		 * @return the canned response
		 */
		@Nullable SandboxResponse response() {
			return switch (this.kind) {
				case RESPOND -> SandboxResponse.raw(this.status, "application/json", this.body);
				case RATE_LIMIT -> rateLimited();
				default -> null;
			};
		}

		private SandboxResponse rateLimited() {
			Instant reset = Instant.now().plusSeconds(this.retryAfterSeconds);
			return SandboxResponse.text(429, "Retry later\n")
				.header("RateLimit-Name", "throttle_authenticated_api")
				.header("RateLimit-Limit", "120")
				.header("RateLimit-Observed", "121")
				.header("RateLimit-Remaining", "0")
				.header("RateLimit-Reset", String.valueOf(reset.getEpochSecond()))
				.header("RateLimit-ResetTime", HTTP_DATE.format(reset))
				.header("Retry-After", String.valueOf(this.retryAfterSeconds));
		}

		private boolean matches(String method, String path) {
			return Faults.matches(this.when.method, method) && this.when.path.matcher(path).matches();
		}

		private boolean consume() {
			return this.remaining.getAndUpdate((left) -> (left > 0) ? left - 1 : left) != 0;
		}

		@Override
		public String toString() {
			return this.kind.name().toLowerCase(Locale.ROOT) + " on " + this.when.method + " " + this.when.path;
		}

	}

	/**
	 * What a fault does.
	 */
	enum Kind {

		DELAY, RESPOND, DROP, RATE_LIMIT

	}

	/**
	 * What happens to one call.
	 */
	record Plan(Duration delay, @Nullable Fault outcome) {

	}

}
