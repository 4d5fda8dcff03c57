package dev.gitlabsandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The JDK HTTP server on 127.0.0.1 and the request pipeline: fault plan, routing,
 * authentication on {@code /api/v4}, the handler (under the state lock), call log,
 * response. Delays sleep outside the lock, so slow calls never block others.
 *
 * @author Token Portal team
 */
final class SandboxHttpServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SandboxHttpServer.class);

	static {
		// The JDK server writes headers and body separately; with Nagle's algorithm on,
		// the
		// client's delayed ACK adds ~40 ms to every response. Read once, when the server
		// implementation loads, so it must be set before the first HttpServer is created.
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private final HttpServer server;

	private final ExecutorService executor;

	private final SandboxState state;

	private final Faults faults;

	private final ApiAuthentication authentication;

	private Router router = new Router();

	private String baseUrl = "";

	private SandboxHttpServer(HttpServer server, SandboxState state, Faults faults) {
		this.server = server;
		this.state = state;
		this.faults = faults;
		this.authentication = new ApiAuthentication(state);
		this.executor = Executors.newCachedThreadPool(daemonThreads(server.getAddress().getPort()));
	}

	/**
	 * Bind the port (0 for any free one) without serving yet, so the routes can be built
	 * with the final base URL.
	 * @param port the port
	 * @param state the state
	 * @param faults the fault plan and call log
	 * @return the bound server
	 */
	static SandboxHttpServer bind(int port, SandboxState state, Faults faults) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 128);
			return new SandboxHttpServer(server, state, faults);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot bind the GitLab sandbox to port " + port, ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	void start(Router router, String baseUrl) {
		this.router = router;
		this.baseUrl = baseUrl;
		this.server.createContext("/", this::handle);
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String method = exchange.getRequestMethod();
			String rawPath = exchange.getRequestURI().getRawPath();
			String rawQuery = exchange.getRequestURI().getRawQuery();
			SandboxRequest request = new SandboxRequest(method, rawPath, rawQuery, exchange.getRequestHeaders(),
					exchange.getRequestBody().readAllBytes(), this.baseUrl);
			Faults.Plan plan = this.faults.plan(method, rawPath);
			Thread.sleep(plan.delay().toMillis());
			SandboxResponse canned = (plan.outcome() != null) ? plan.outcome().response() : null;
			SandboxResponse response = (canned != null) ? canned : dispatch(request);
			boolean drop = plan.outcome() != null && plan.outcome().dropsConnection();
			this.faults
				.record(RecordedCall.of(method, rawPath, rawQuery, response.status(), drop, loggedParams(request)));
			if (!drop) {
				// Closing the exchange before any header is sent closes the socket
				// instead.
				send(exchange, request, response);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private SandboxResponse dispatch(SandboxRequest request) {
		Optional<Router.Match> match = this.router.match(request.method(), request.rawPath());
		if (match.isEmpty()) {
			return request.rawPath().startsWith("/api/") ? GitLabErrors.routeNotFound().response()
					: LoginPage.error("not_found", "The page could not be found.");
		}
		Router.Route route = match.get().route();
		request.pathVariables(match.get().variables());
		try {
			synchronized (this.state) {
				if (route.api()) {
					request.caller(this.authentication.authenticate(request, route));
				}
				return route.handler().handle(request);
			}
		}
		catch (ApiError ex) {
			return ex.response();
		}
		catch (RuntimeException ex) {
			logger.error("GitLab sandbox failed on " + request.method() + " " + request.rawPath(), ex);
			return SandboxResponse.json(500, Map.of("message", "500 Internal Server Error"));
		}
	}

	/**
	 * The request's parameters for the call log; a body that is not valid JSON logs none.
	 */
	private static @Nullable RequestParams loggedParams(SandboxRequest request) {
		if (!request.rawPath().startsWith("/api/v4/")) {
			return null;
		}
		try {
			return request.params();
		}
		catch (ApiError ex) {
			return null;
		}
	}

	private static void send(HttpExchange exchange, SandboxRequest request, SandboxResponse response)
			throws IOException {
		response.headers().forEach(exchange.getResponseHeaders()::set);
		String requestId = request.header("X-Request-Id");
		exchange.getResponseHeaders().set("X-Request-Id", (requestId != null) ? requestId : Secrets.hex(13));
		byte[] body = request.method().equals("HEAD") ? new byte[0] : response.body();
		exchange.sendResponseHeaders(response.status(), (body.length > 0) ? body.length : -1);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static ThreadFactory daemonThreads(int port) {
		AtomicInteger count = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, "gitlab-sandbox-" + port + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
