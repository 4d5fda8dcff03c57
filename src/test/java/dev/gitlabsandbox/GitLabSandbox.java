package dev.gitlabsandbox;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * A stateful stand-in for GitLab (REST API v4 and OAuth2/OIDC provider) that runs inside
 * the test JVM on the JDK's HTTP server. It speaks GitLab's behaviour as documented in
 * {@code gitlab-api.md}: same statuses, messages, body shapes, headers and pagination.
 *
 * <pre class="code">
 * try (GitLabSandbox gitlab = GitLabSandbox.start(0)) {
 *     String issuer = gitlab.baseUrl();
 *     gitlab.faults().on("POST", "/api/v4/projects/*&#47;access_tokens").respond(502, "{}").times(1);
 *     ...
 *     assertThat(gitlab.state().tokenCount(SandboxSeed.API)).isEqualTo(1);
 * }
 * </pre>
 *
 * @author Token Portal team
 */
public final class GitLabSandbox implements AutoCloseable {

	/** The port {@link #main} uses when none is given. */
	public static final int DEFAULT_PORT = 8929;

	/**
	 * The page listing every CI/CD variable (keys, scopes, flags; values only by length).
	 */
	public static final String VARIABLES_PAGE_PATH = "/-/sandbox/variables";

	private final SandboxState state;

	private final SandboxSettings settings = new SandboxSettings();

	private final Faults faults = new Faults();

	private final SandboxHttpServer server;

	private final String baseUrl;

	private final ExpiringTokenWebhooks expiringTokenWebhooks;

	// what people read: on the system clock, like the mail server's dates
	private final SandboxInbox inbox = new SandboxInbox(Clock.systemUTC());

	private GitLabSandbox(int port, Clock clock) {
		this.state = new SandboxState(clock);
		SandboxSeed.seed(this.state);
		this.server = SandboxHttpServer.bind(port, this.state, this.faults);
		this.baseUrl = "http://localhost:" + this.server.port();
		this.expiringTokenWebhooks = new ExpiringTokenWebhooks(this.state, this.settings, this.baseUrl);
		this.server.start(routes(), this.baseUrl);
	}

	/**
	 * Start a seeded sandbox on 127.0.0.1.
	 * @param port the port, 0 for a free one
	 * @return the running sandbox
	 */
	public static GitLabSandbox start(int port) {
		return start(port, Clock.systemUTC());
	}

	/**
	 * Start a seeded sandbox whose notion of "today" and "now" comes from the given
	 * clock.
	 * @param port the port, 0 for a free one
	 * @param clock the clock (UTC)
	 * @return the running sandbox
	 */
	public static GitLabSandbox start(int port, Clock clock) {
		return new GitLabSandbox(port, clock);
	}

	/**
	 * The base URL, {@code http://localhost:<port>}, which is also the OIDC issuer.
	 * @return the base URL without a trailing slash
	 */
	public String baseUrl() {
		return this.baseUrl;
	}

	public int port() {
		return this.server.port();
	}

	public SandboxState state() {
		return this.state;
	}

	public Faults faults() {
		return this.faults;
	}

	public SandboxSettings settings() {
		return this.settings;
	}

	/**
	 * The chat messages posted to {@code /-/sandbox/chat} and the mail server shown at
	 * {@code /-/sandbox/inbox}.
	 * @return the inbox
	 */
	public SandboxInbox inbox() {
		return this.inbox;
	}

	/**
	 * Return to the seed: state, clock, settings, faults, call log and chat messages. The
	 * signing key, {@link #issuedTokenValues()} and the inbox's mail source are kept.
	 */
	public void reset() {
		synchronized (this.state) {
			this.state.clear();
			SandboxSeed.seed(this.state);
		}
		this.settings.restoreDefaults();
		this.faults.clear();
		this.faults.clearCalls();
		this.inbox.clearChat();
	}

	/**
	 * Revokes a personal access token, as its owner would in GitLab's settings.
	 * @param value the token
	 */
	public void revokePersonalAccessToken(String value) {
		synchronized (this.state) {
			this.state.tokenStore().revoke(this.state.tokenStore().byValue(value).orElseThrow().id());
		}
	}

	/**
	 * Gives a user an OAuth access token of an application, as GitLab's authorization
	 * code flow would.
	 * @param userId the user
	 * @param scopes the granted scopes
	 * @return the access token
	 */
	public String oauthAccessToken(long userId, java.util.List<String> scopes) {
		synchronized (this.state) {
			return this.state.oauth()
				.issueTokens(userId, SandboxSeed.CLIENT_ID, scopes, this.state.now(), this.state.now())
				.accessToken();
		}
	}

	/**
	 * Every secret value handed out by a create or rotate response since start, across
	 * resets, so a test can check that none leaked into the portal's database or logs.
	 * @return the values in issue order
	 */
	public List<String> issuedTokenValues() {
		return this.state.issuedTokenValues();
	}

	/**
	 * Every OAuth access and refresh token the sandbox issued to a client since start,
	 * across resets: the signed-in users' GitLab credentials, which the portal must not
	 * keep in readable form.
	 * @return the values in issue order
	 */
	public List<String> issuedOAuthTokenValues() {
		synchronized (this.state) {
			return this.state.oauth().issuedValues();
		}
	}

	/**
	 * Every signed ID token the sandbox issued since start, across resets: the portal
	 * keeps them, if at all, only encrypted.
	 * @return the compact JWTs in issue order
	 */
	public List<String> issuedIdTokens() {
		synchronized (this.state) {
			return this.state.oauth().issuedIdTokens();
		}
	}

	/**
	 * Runs GitLab's daily expiring-token worker now (gitlab-api.md §13.2): every active
	 * project or group access token that expires within 7 days and was not announced yet
	 * is sent, once, to the receiving hooks, which are called before this returns.
	 * {@code POST /-/sandbox/expiring-token-webhooks} does the same for a running
	 * sandbox, sending in the background.
	 * @return the deliveries with the receivers' answers
	 */
	public List<WebhookDelivery> deliverExpiringTokenWebhooks() {
		List<WebhookDelivery> planned;
		synchronized (this.state) {
			planned = this.expiringTokenWebhooks.plan();
		}
		// outside the lock: the receiver may call the sandbox while it answers
		return planned.stream().map(this.expiringTokenWebhooks::send).toList();
	}

	/**
	 * Sends a delivery again with the same headers and body, as GitLab's "Resend Request"
	 * does (same {@code Idempotency-Key}).
	 * @param delivery an earlier delivery
	 * @return the new delivery with the receiver's answer
	 */
	public WebhookDelivery redeliver(WebhookDelivery delivery) {
		return this.expiringTokenWebhooks.send(delivery);
	}

	@Override
	public void close() {
		this.server.close();
	}

	private Router routes() {
		Router router = new Router();
		Entities entities = new Entities(this.baseUrl, this.state);
		Policies policies = new Policies(this.state);
		IdTokens idTokens = new IdTokens();
		OidcClaims claims = new OidcClaims(this.state, entities, this.baseUrl);
		new UsersEndpoints(this.state, this.settings, entities).register(router);
		new ProjectsAndGroupsEndpoints(this.state, policies, entities).register(router);
		new AccessTokenEndpoints(this.state, this.settings, policies, entities).register(router);
		new OidcEndpoints(this.state, idTokens, claims, this.baseUrl).register(router);
		new AuthorizationEndpoints(this.state).register(router);
		new TokenEndpoints(this.state, idTokens, claims).register(router);
		new HooksEndpoints(this.state, policies).register(router);
		new VariablesEndpoints(this.state, this.settings, policies).register(router);
		router.get(VARIABLES_PAGE_PATH, (request) -> VariablesPage.render(this.state));
		router.post("/-/sandbox/expiring-token-webhooks", this::runExpiringTokenWorker);
		this.inbox.register(router);
		return router;
	}

	/**
	 * The sandbox's own control (not GitLab's API): runs the expiring-token worker and
	 * sends its deliveries in the background, as Sidekiq does. Runs under the state lock,
	 * so the sending waits for the answer to leave.
	 */
	private SandboxResponse runExpiringTokenWorker(SandboxRequest request) {
		List<WebhookDelivery> planned = this.expiringTokenWebhooks.plan();
		Thread sender = new Thread(() -> planned.forEach(this.expiringTokenWebhooks::send), "gitlab-sandbox-webhooks");
		sender.setDaemon(true);
		sender.start();
		return SandboxResponse.json(202, Map.of("deliveries", planned.size()));
	}

}
