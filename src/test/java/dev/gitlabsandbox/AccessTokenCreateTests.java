package dev.gitlabsandbox;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static dev.gitlabsandbox.ResourceKind.PRIVILEGED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Creating project and group access tokens: gitlab-api.md §10 cases 21–30 and the create
 * service rules observable over HTTP (51, 53, 56, 59, 62, 63), plus §2.3 and §4.3.
 *
 * @author Token Portal team
 */
class AccessTokenCreateTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@ParameterizedTest
	@EnumSource
	void createReturnsTheTokenWithItsSecretOnce(ResourceKind resource) {
		String inAMonth = today().plusMonths(1).toString();
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "test", "scopes", List.of("api"), "expires_at", inAMonth, "access_level", 20));
		assertThat(response.status()).isEqualTo(201);
		JsonNode token = response.json();
		assertThat(token.get("name").asString()).isEqualTo("test");
		assertThat(token.get("scopes")).extracting(JsonNode::asString).containsExactly("api");
		assertThat(token.get("access_level").asInt()).isEqualTo(20);
		assertThat(token.get("expires_at").asString()).isEqualTo(inAMonth);
		assertThat(token.get("active").asBoolean()).isTrue();
		assertThat(token.get("revoked").asBoolean()).isFalse();
		assertThat(token.get("token").asString()).matches("glpat-[A-Za-z0-9_-]{20}");
		assertThat(sandbox.gitlab().issuedTokenValues()).endsWith(token.get("token").asString());
	}

	@ParameterizedTest
	@EnumSource
	void createWithoutExpiryDefaultsToTheMaximumLifetime(ResourceKind resource) {
		JsonNode token = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("name", "t", "scopes", List.of("api")))
			.json();
		assertThat(token.get("expires_at").asString()).isEqualTo(today().plusDays(365).toString());
	}

	@ParameterizedTest
	@EnumSource
	void createWithoutExpiryNeverExpiresWhenExpiryIsNotRequired(ResourceKind resource) {
		sandbox.gitlab().settings().expiryRequired(false);
		JsonNode token = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("name", "t", "scopes", List.of("api")))
			.json();
		assertThat(token.get("expires_at").isNull()).isTrue();
	}

	@ParameterizedTest
	@EnumSource
	void createWithoutAccessLevelMakesTheBotAMaintainer(ResourceKind resource) {
		JsonNode token = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("name", "t", "scopes", List.of("api")))
			.json();
		assertThat(token.get("access_level").asInt()).isEqualTo(AccessLevels.MAINTAINER);
		assertThat(token.has("token")).isTrue();
		assertThat(sandbox.gitlab().state().membership(resource.source(), token.get("user_id").asLong()).orElseThrow())
			.extracting(SandboxMembership::accessLevel)
			.isEqualTo(AccessLevels.MAINTAINER);
	}

	@ParameterizedTest
	@EnumSource
	void createWithAccessLevelAsStringCoercesIt(ResourceKind resource) {
		JsonNode token = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "t", "scopes", List.of("api"), "access_level", "30"))
			.json();
		assertThat(token.get("access_level").asInt()).isEqualTo(AccessLevels.DEVELOPER);
	}

	@ParameterizedTest
	@EnumSource
	void createMakesABotNamedAfterTheToken(ResourceKind resource) {
		JsonNode token = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("ci-deploy"))
			.json();
		SandboxUser bot = sandbox.gitlab().state().user(token.get("user_id").asLong()).orElseThrow();
		assertThat(bot.name()).isEqualTo("ci-deploy");
		assertThat(bot.username()).matches(resource.label + "_" + resource.id + "_bot_[0-9a-f]{32}");
		assertThat(bot.email()).isEqualTo(bot.username() + "@noreply.localhost");
		assertThat(bot.bot()).isTrue();
	}

	@ParameterizedTest
	@EnumSource
	void createAllowsDuplicateNames(ResourceKind resource) {
		JsonNode first = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("same"))
			.json();
		JsonNode second = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("same"))
			.json();
		assertThat(second.get("id").asLong()).isNotEqualTo(first.get("id").asLong());
		assertThat(sandbox.gitlab().state().tokensNamed("same")).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource
	void createWithoutNameIsRejectedWithGrapeError(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("scopes", List.of("api")));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"name is missing\"}");
	}

	@ParameterizedTest
	@EnumSource
	void createWithoutScopesIsRejectedWithGrapeError(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("name", "t"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("scopes is missing");
	}

	@ParameterizedTest
	@EnumSource
	void createValidatesParametersBeforeLookingUpTheResource(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(resource.unknownId), PRIVILEGED_TOKEN, Map.of("access_level", 0));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString())
			.isEqualTo("name is missing, scopes is missing, access_level does not have a valid value");
	}

	@ParameterizedTest
	@EnumSource
	void createWithUnknownScopeIsRejectedWithGrapeError(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("name", "t", "scopes", List.of("test")));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("scopes does not have a valid value");
	}

	@Test
	void createWithScopeNotAvailableOnThisInstanceIsRejected() {
		Map<String, Object> request = Map.of("name", "t", "scopes", List.of("read_api", "k8s_proxy"));
		assertThat(sandbox.client().post(ResourceKind.PROJECT.tokens(), PRIVILEGED_TOKEN, request).status())
			.isEqualTo(201);
		sandbox.gitlab().settings().withoutTokenScope("k8s_proxy");
		SandboxClient.Response response = sandbox.client()
			.post(ResourceKind.PROJECT.tokens(), PRIVILEGED_TOKEN, request);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("scopes does not have a valid value");
	}

	@ParameterizedTest
	@EnumSource
	void createWithInvalidAccessLevelIsRejectedWithGrapeError(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "t", "scopes", List.of("api"), "access_level", 0));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("access_level does not have a valid value");
	}

	@ParameterizedTest
	@EnumSource
	void createWithUnparsableExpiryIsRejectedWithGrapeError(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "t", "scopes", List.of("api"), "expires_at", "next week"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("error").asString()).isEqualTo("expires_at is invalid");
	}

	@ParameterizedTest
	@EnumSource
	void createOnResourceTheCallerCannotSeeIsNotFound(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(resource.invisibleId), PRIVILEGED_TOKEN, resource.tokenRequest("t"));
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("message").asString()).isEqualTo(resource.notFound());
	}

	@ParameterizedTest
	@EnumSource
	void createByNonPrivilegedUserIsDeniedAndLeavesNoBotBehind(ResourceKind resource) {
		int users = sandbox.gitlab().state().users().size();
		int memberships = sandbox.gitlab().state().memberships().size();
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), resource.nonPrivilegedToken, resource.tokenRequest("t"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString())
			.isEqualTo("400 Bad request - User does not have permission to create " + resource.label + " access token");
		assertThat(sandbox.gitlab().state().users()).hasSize(users);
		assertThat(sandbox.gitlab().state().memberships()).hasSize(memberships);
	}

	@ParameterizedTest
	@EnumSource
	void createWithTheResourcesOwnTokenIsDenied(ResourceKind resource) {
		String botToken = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("bot"))
			.json()
			.get("token")
			.asString();
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), botToken, resource.tokenRequest("child"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString())
			.isEqualTo("400 Bad request - User does not have permission to create " + resource.label + " access token");
	}

	@Test
	void createOwnerLevelProjectTokenNeedsAProjectOwner() {
		String web = "/api/v4/projects/" + SandboxSeed.WEB_ID + "/access_tokens";
		Map<String, Object> owner = Map.of("name", "t", "scopes", List.of("api"), "access_level", 50);
		SandboxClient.Response byMaintainer = sandbox.client().post(web, SandboxSeed.ALICE_TOKEN, owner);
		SandboxClient.Response byOwner = sandbox.client().post(web, SandboxSeed.BOB_TOKEN, owner);
		assertThat(byMaintainer.status()).isEqualTo(400);
		assertThat(byMaintainer.json().get("message").asString())
			.isEqualTo("400 Bad request - Could not provision owner access to project access token");
		assertThat(byOwner.status()).isEqualTo(201);
		assertThat(byOwner.json().get("access_level").asInt()).isEqualTo(50);
	}

	@Test
	void createOwnerLevelGroupTokenBySubgroupOwner() {
		SandboxClient.Response response = sandbox.client()
			.post("/api/v4/groups/platform%2Fbackend/access_tokens", SandboxSeed.CAROL_TOKEN,
					Map.of("name", "t", "scopes", List.of("api"), "access_level", 50));
		assertThat(response.status()).isEqualTo(201);
		assertThat(sandbox.gitlab()
			.state()
			.membership(SourceRef.group(SandboxSeed.PLATFORM_BACKEND_ID), response.json().get("user_id").asLong())
			.orElseThrow()
			.accessLevel()).isEqualTo(AccessLevels.OWNER);
	}

	@Test
	void createIsDeniedEvenToAdminsWhereTheTopLevelGroupDisablesIt() {
		Map<String, Object> request = Map.of("name", "t", "scopes", List.of("api"));
		String monolith = "/api/v4/projects/legacy%2Fmonolith/access_tokens";
		SandboxClient.Response project = sandbox.client().post(monolith, SandboxSeed.SERVICE_TOKEN, request);
		SandboxClient.Response group = sandbox.client()
			.post("/api/v4/groups/legacy/access_tokens", SandboxSeed.SERVICE_TOKEN, request);
		assertThat(project.status()).isEqualTo(400);
		assertThat(project.json().get("message").asString())
			.isEqualTo("400 Bad request - User does not have permission to create project access token");
		assertThat(group.json().get("message").asString())
			.isEqualTo("400 Bad request - User does not have permission to create group access token");
		sandbox.gitlab().state().setTokenCreationAllowed(SandboxSeed.LEGACY, true);
		assertThat(sandbox.client().post(monolith, SandboxSeed.SERVICE_TOKEN, request).status()).isEqualTo(201);
	}

	@Test
	void createInPersonalNamespaceIsAlwaysAllowed() {
		SandboxClient.Response response = sandbox.client()
			.post("/api/v4/projects/alice%2Fscratch/access_tokens", SandboxSeed.ALICE_TOKEN,
					Map.of("name", "t", "scopes", List.of("api")));
		assertThat(response.status()).isEqualTo(201);
		assertThat(sandbox.gitlab().state().tokenCount(SandboxSeed.SCRATCH)).isOne();
	}

	@Test
	void createByAdminNeedsAdminMode() {
		String withoutAdminMode = sandbox.gitlab()
			.state()
			.createPersonalAccessToken(SandboxSeed.ROOT, List.of("api"), null);
		Map<String, Object> request = Map.of("name", "t", "scopes", List.of("api"), "access_level", 50);
		SandboxClient.Response denied = sandbox.client()
			.post("/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens", withoutAdminMode, request);
		SandboxClient.Response allowed = sandbox.client()
			.post("/api/v4/projects/" + SandboxSeed.API_ID + "/access_tokens", SandboxSeed.SERVICE_TOKEN, request);
		assertThat(denied.status()).isEqualTo(404);
		assertThat(allowed.status()).isEqualTo(201);
	}

	@ParameterizedTest
	@EnumSource
	void createBeyondTheMaximumLifetimeIsRejected(ResourceKind resource) {
		sandbox.gitlab().settings().maxLifetimeDays(30);
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "t", "scopes", List.of("api"), "expires_at", today().plusDays(31).toString()));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").asString())
			.isEqualTo("400 Bad request - Expires at must be before " + today().plusDays(30));
		assertThat(sandbox.gitlab().state().tokenCount(resourcePath(resource))).isZero();
	}

	@ParameterizedTest
	@EnumSource
	void createWithPastExpiryGivesAnInactiveToken(ResourceKind resource) {
		JsonNode token = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "t", "scopes", List.of("api"), "expires_at", today().minusDays(3).toString()))
			.json();
		assertThat(token.get("active").asBoolean()).isFalse();
		assertThat(sandbox.client()
			.get("/api/v4/user", token.get("token").asString())
			.json()
			.get("error_description")
			.asString()).isEqualTo("Token is expired. You can either do re-authorization or token refresh.");
	}

	@Test
	void createAcceptsFormEncodedScopes() {
		SandboxClient.Response response = sandbox.client()
			.send(sandbox.client()
				.request(ResourceKind.PROJECT.tokens())
				.header("PRIVATE-TOKEN", PRIVILEGED_TOKEN)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(BodyPublishers
					.ofString("name=form&scopes%5B%5D=read_api&scopes%5B%5D=read_repository&access_level=30")));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().get("scopes")).extracting(JsonNode::asString)
			.containsExactly("read_api", "read_repository");
	}

	@Test
	void createUsesTheSandboxClockForDates() {
		sandbox.gitlab()
			.state()
			.setClock(java.time.Clock.fixed(java.time.Instant.parse("2030-06-15T10:00:00Z"), java.time.ZoneOffset.UTC));
		JsonNode token = sandbox.client()
			.post(ResourceKind.PROJECT.tokens(), PRIVILEGED_TOKEN, Map.of("name", "t", "scopes", List.of("api")))
			.json();
		assertThat(token.get("expires_at").asString()).isEqualTo("2031-06-15");
		assertThat(token.get("created_at").asString()).isEqualTo("2030-06-15T10:00:00.000Z");
	}

	private static LocalDate today() {
		return sandbox.gitlab().state().today();
	}

	private static String resourcePath(ResourceKind resource) {
		return (resource == ResourceKind.PROJECT) ? SandboxSeed.API : SandboxSeed.PLATFORM_FRONTEND;
	}

}
