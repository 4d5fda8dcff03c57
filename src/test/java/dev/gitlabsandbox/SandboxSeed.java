package dev.gitlabsandbox;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The fixed demo data every sandbox starts from (and {@link GitLabSandbox#reset()}
 * returns to), with constants so tests can name users, groups, projects and credentials.
 *
 * <pre>
 * platform              bob Owner
 * ├── backend           carol Owner, alice Developer
 * │   ├── api, billing (one seeded token), service-01 … service-25
 * └── frontend          erin Maintainer
 *     └── web           alice Maintainer (direct)
 * legacy                alice Developer, mallory Guest; token creation disabled
 * └── monolith
 * security
 * └── auditors          dave Developer
 * alice/scratch         alice Owner (personal namespace)
 * </pre>
 *
 * @author Token Portal team
 */
public final class SandboxSeed {

	public static final long ROOT_ID = 1;

	public static final String ROOT = "root";

	public static final long SERVICE_ACCOUNT_ID = 2;

	public static final String SERVICE_ACCOUNT = "portal-service";

	public static final long ALICE_ID = 3;

	public static final String ALICE = "alice";

	public static final long BOB_ID = 4;

	public static final String BOB = "bob";

	public static final long CAROL_ID = 5;

	public static final String CAROL = "carol";

	public static final long DAVE_ID = 6;

	public static final String DAVE = "dave";

	public static final long ERIN_ID = 7;

	public static final String ERIN = "erin";

	public static final long MALLORY_ID = 8;

	public static final String MALLORY = "mallory";

	/**
	 * The portal's service account PAT: admin, scopes {@code api} and {@code admin_mode}.
	 */
	public static final String SERVICE_TOKEN = "glpat-sandbox-portal-service";

	/** Root's PAT: admin, scopes {@code api} and {@code admin_mode}. */
	public static final String ROOT_TOKEN = "glpat-sandbox-root";

	/**
	 * Each human's own PAT with scope {@code api}, for HTTP-level tests acting as them.
	 */
	public static final String ALICE_TOKEN = "glpat-sandbox-alice";

	public static final String BOB_TOKEN = "glpat-sandbox-bob";

	public static final String CAROL_TOKEN = "glpat-sandbox-carol";

	public static final String DAVE_TOKEN = "glpat-sandbox-dave";

	public static final String ERIN_TOKEN = "glpat-sandbox-erin";

	public static final String MALLORY_TOKEN = "glpat-sandbox-mallory";

	public static final long PLATFORM_ID = 100;

	public static final String PLATFORM = "platform";

	public static final long PLATFORM_BACKEND_ID = 101;

	public static final String PLATFORM_BACKEND = "platform/backend";

	public static final long PLATFORM_FRONTEND_ID = 102;

	public static final String PLATFORM_FRONTEND = "platform/frontend";

	public static final long LEGACY_ID = 103;

	/** A top-level group where project and group access token creation is disabled. */
	public static final String LEGACY = "legacy";

	public static final long SECURITY_ID = 104;

	public static final String SECURITY = "security";

	public static final long SECURITY_AUDITORS_ID = 105;

	public static final String SECURITY_AUDITORS = "security/auditors";

	public static final long API_ID = 11;

	public static final String API = "platform/backend/api";

	public static final long BILLING_ID = 12;

	/**
	 * Holds one seeded token, {@link #BILLING_DEPLOY_TOKEN_ID}, so inventories are not
	 * empty.
	 */
	public static final String BILLING = "platform/backend/billing";

	public static final long WEB_ID = 13;

	public static final String WEB = "platform/frontend/web";

	public static final long MONOLITH_ID = 14;

	public static final String MONOLITH = "legacy/monolith";

	public static final long SCRATCH_ID = 15;

	/** A project in alice's personal namespace. */
	public static final String SCRATCH = "alice/scratch";

	public static final long ALICE_NAMESPACE_ID = 203;

	/**
	 * {@code platform/backend/service-01} has this id, {@code service-25} this id + 24.
	 */
	public static final long FIRST_SERVICE_PROJECT_ID = 21;

	public static final int SERVICE_PROJECT_COUNT = 25;

	/** A Reporter-level token on {@link #BILLING}, named {@code billing-deploy}. */
	public static final long BILLING_DEPLOY_TOKEN_ID = 100;

	public static final String CLIENT_ID = "token-portal";

	public static final String CLIENT_SECRET = "sandbox-client-secret";

	/** The redirect URIs the OAuth application accepts, on any port. */
	public static final Pattern REDIRECT_URI = Pattern
		.compile("http://(localhost|127\\.0\\.0\\.1)(:\\d+)?/login/oauth2/code/gitlab");

	/** The scopes the OAuth application may request. */
	public static final List<String> CLIENT_SCOPES = List.of("api", "read_api", "read_user", "read_repository",
			"openid", "profile", "email");

	private SandboxSeed() {
	}

	static void seed(SandboxState state) {
		seedUsers(state);
		seedGroupsAndProjects(state);
		seedMemberships(state);
		seedTokens(state);
	}

	private static void seedUsers(SandboxState state) {
		user(state, ROOT_ID, ROOT, "Administrator", true);
		user(state, SERVICE_ACCOUNT_ID, SERVICE_ACCOUNT, "Token Portal service account", true);
		user(state, ALICE_ID, ALICE, "Alice Developer", false);
		user(state, BOB_ID, BOB, "Bob Owner", false);
		user(state, CAROL_ID, CAROL, "Carol Owner", false);
		user(state, DAVE_ID, DAVE, "Dave Auditor", false);
		user(state, ERIN_ID, ERIN, "Erin Admin", false);
		user(state, MALLORY_ID, MALLORY, "Mallory Outsider", false);
		// most people choose no public e-mail; alice did (gitlab-api.md §14.3)
		state.setPublicEmail(ALICE, "alice@example.test");
	}

	private static void user(SandboxState state, long id, String username, String name, boolean admin) {
		state.addUser(id, username, name, username + "@example.test", admin, null);
	}

	private static void seedGroupsAndProjects(SandboxState state) {
		state.addGroup(PLATFORM_ID, "Platform", "platform", null);
		state.addGroup(PLATFORM_BACKEND_ID, "Backend", "backend", PLATFORM_ID);
		state.addGroup(PLATFORM_FRONTEND_ID, "Frontend", "frontend", PLATFORM_ID);
		state.addGroup(LEGACY_ID, "Legacy", "legacy", null);
		state.addGroup(SECURITY_ID, "Security", "security", null);
		state.addGroup(SECURITY_AUDITORS_ID, "Auditors", "auditors", SECURITY_ID);
		state.setTokenCreationAllowed(LEGACY, false);
		state.addGroupProject(API_ID, "API", "api", "Public API of the platform", PLATFORM_BACKEND_ID);
		state.addGroupProject(BILLING_ID, "Billing", "billing", "Invoices and payments", PLATFORM_BACKEND_ID);
		state.addGroupProject(WEB_ID, "Web", "web", "The web front end", PLATFORM_FRONTEND_ID);
		state.addGroupProject(MONOLITH_ID, "Monolith", "monolith", "The old monolith", LEGACY_ID);
		state.addPersonalProject(SCRATCH_ID, "Scratch", "scratch", "Alice's experiments", ALICE_NAMESPACE_ID, ALICE_ID);
		for (int i = 1; i <= SERVICE_PROJECT_COUNT; i++) {
			String number = String.format("%02d", i);
			state.addGroupProject(FIRST_SERVICE_PROJECT_ID + i - 1, "Service " + number, "service-" + number,
					"Backend service " + number, PLATFORM_BACKEND_ID);
		}
	}

	private static void seedMemberships(SandboxState state) {
		member(state, SourceRef.group(PLATFORM_ID), BOB_ID, AccessLevels.OWNER);
		member(state, SourceRef.group(PLATFORM_BACKEND_ID), CAROL_ID, AccessLevels.OWNER);
		member(state, SourceRef.group(PLATFORM_BACKEND_ID), ALICE_ID, AccessLevels.DEVELOPER);
		member(state, SourceRef.project(WEB_ID), ALICE_ID, AccessLevels.MAINTAINER);
		member(state, SourceRef.group(LEGACY_ID), ALICE_ID, AccessLevels.DEVELOPER);
		member(state, SourceRef.project(SCRATCH_ID), ALICE_ID, AccessLevels.OWNER);
		member(state, SourceRef.group(PLATFORM_FRONTEND_ID), ERIN_ID, AccessLevels.MAINTAINER);
		member(state, SourceRef.group(SECURITY_AUDITORS_ID), DAVE_ID, AccessLevels.DEVELOPER);
		member(state, SourceRef.group(LEGACY_ID), MALLORY_ID, AccessLevels.GUEST);
	}

	private static void member(SandboxState state, SourceRef source, long userId, int accessLevel) {
		state.addMembership(new SandboxMembership(source, userId, accessLevel, state.now(), ROOT_ID));
	}

	private static void seedTokens(SandboxState state) {
		pat(state, ROOT_ID, ROOT_TOKEN, List.of("api", "admin_mode"));
		pat(state, SERVICE_ACCOUNT_ID, SERVICE_TOKEN, List.of("api", "admin_mode"));
		pat(state, ALICE_ID, ALICE_TOKEN, List.of("api"));
		pat(state, BOB_ID, BOB_TOKEN, List.of("api"));
		pat(state, CAROL_ID, CAROL_TOKEN, List.of("api"));
		pat(state, DAVE_ID, DAVE_TOKEN, List.of("api"));
		pat(state, ERIN_ID, ERIN_TOKEN, List.of("api"));
		pat(state, MALLORY_ID, MALLORY_TOKEN, List.of("api"));
		state.tokenStore().startIdsAt(BILLING_DEPLOY_TOKEN_ID);
		SandboxUser bot = state.addBot(SourceRef.project(BILLING_ID), "billing-deploy", AccessLevels.REPORTER,
				CAROL_ID);
		state.tokenStore()
			.add(bot.id(), "billing-deploy", "Pushes release images", List.of("read_registry", "write_registry"),
					state.today().plusDays(90), null, Secrets.accessTokenValue(), state.now());
	}

	private static void pat(SandboxState state, long userId, String value, List<String> scopes) {
		String name = "sandbox-" + state.user(userId).orElseThrow().username();
		state.tokenStore().add(userId, name, null, scopes, null, null, value, state.now());
	}

}
