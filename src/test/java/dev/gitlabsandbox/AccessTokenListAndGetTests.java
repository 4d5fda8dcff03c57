package dev.gitlabsandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static dev.gitlabsandbox.ResourceKind.PRIVILEGED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Listing and reading project and group access tokens: gitlab-api.md §10 cases 1–15.
 *
 * @author Token Portal team
 */
class AccessTokenListAndGetTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	// 17.9+ keeps revoked tokens, so lists show active and inactive ones (spec cases 1,
	// 8)
	@BeforeEach
	void keepRevokedTokens() {
		sandbox.gitlab().settings().revokeMode(SandboxSettings.RevokeMode.RETAINED);
	}

	@ParameterizedTest
	@EnumSource
	void listReturnsActiveAndInactiveTokensWithPaginationHeaders(ResourceKind resource) {
		List<Long> ids = createActiveExpiredAndRevoked(resource);
		SandboxClient.Response response = sandbox.client().get(resource.tokens(), PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(ids(response)).containsExactlyElementsOf(ids);
		assertThat(response.header("X-Total")).isEqualTo("7");
		assertThat(response.header("X-Page")).isEqualTo("1");
		assertThat(response.header("X-Per-Page")).isEqualTo("20");
		assertThat(response.header("X-Total-Pages")).isEqualTo("1");
		assertThat(response.header("Link")).contains("rel=\"first\"").contains("rel=\"last\"");
	}

	@ParameterizedTest
	@EnumSource
	void listedTokensCarryNameScopesAccessLevelAndExpiryButNoSecret(ResourceKind resource) {
		sandbox.gitlab().settings().maxLifetimeDays(100000);
		sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, Map.of("name", "reader", "scopes",
					List.of("read_api", "read_repository"), "access_level", 20, "expires_at", "2099-01-31"));
		JsonNode token = sandbox.client().get(resource.tokens(), PRIVILEGED_TOKEN).json().get(0);
		assertThat(token.get("name").asString()).isEqualTo("reader");
		assertThat(token.get("scopes")).extracting(JsonNode::asString).containsExactly("read_api", "read_repository");
		assertThat(token.get("access_level").asInt()).isEqualTo(20);
		assertThat(token.get("expires_at").asString()).isEqualTo("2099-01-31");
		assertThat(token.get("created_at").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
		assertThat(token.has("token")).isFalse();
		assertThat(token.has("last_used_at")).isTrue();
		assertThat(token.has("description")).isTrue();
	}

	@ParameterizedTest
	@EnumSource
	void listWithOneOfTheResourcesOwnTokensSucceeds(ResourceKind resource) {
		String botToken = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest("bot"))
			.json()
			.get("token")
			.asString();
		createToken(resource, "sibling");
		SandboxClient.Response response = sandbox.client().get(resource.tokens(), botToken);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json()).hasSize(2);
	}

	@ParameterizedTest
	@EnumSource
	void listOmitsTokensOfOtherResources(ResourceKind resource) {
		createToken(resource, "mine");
		sandbox.client().post(resource.tokens(resource.otherId), PRIVILEGED_TOKEN, resource.tokenRequest("theirs"));
		JsonNode tokens = sandbox.client().get(resource.tokens(), PRIVILEGED_TOKEN).json();
		assertThat(tokens).extracting((token) -> token.get("name").asString()).containsExactly("mine");
	}

	@ParameterizedTest
	@EnumSource
	void listOfResourceWithoutTokensIsEmpty(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().get(resource.tokens(), PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("[]");
		assertThat(response.header("X-Total")).isEqualTo("0");
		assertThat(response.header("X-Total-Pages")).isEqualTo("1");
	}

	@ParameterizedTest
	@EnumSource
	void listOnResourceTheCallerCannotSeeIsNotFound(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().get(resource.tokens(resource.invisibleId), PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("message").asString()).isEqualTo(resource.notFound());
	}

	@ParameterizedTest
	@EnumSource
	void listOnUnknownIdIsNotFound(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().get(resource.tokens(resource.unknownId), PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().get("message").asString()).isEqualTo(resource.notFound());
	}

	@ParameterizedTest
	@EnumSource
	void listFiltersByState(ResourceKind resource) {
		List<Long> ids = createActiveExpiredAndRevoked(resource);
		SandboxClient.Response inactive = sandbox.client().get(resource.tokens() + "?state=inactive", PRIVILEGED_TOKEN);
		SandboxClient.Response active = sandbox.client().get(resource.tokens() + "?state=active", PRIVILEGED_TOKEN);
		assertThat(ids(inactive)).containsExactlyElementsOf(ids.subList(5, 7));
		assertThat(inactive.header("X-Total")).isEqualTo("2");
		assertThat(ids(active)).containsExactlyElementsOf(ids.subList(0, 5));
		assertThat(active.json()).allSatisfy((token) -> assertThat(token.get("active").asBoolean()).isTrue());
	}

	@ParameterizedTest
	@EnumSource
	void listWithUnknownStateIsRejectedWithGrapeError(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().get(resource.tokens() + "?state=expired", PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"state does not have a valid value\"}");
	}

	@ParameterizedTest
	@EnumSource
	void listSearchesNamesAndPaginates(ResourceKind resource) {
		for (int i = 1; i <= 5; i++) {
			createToken(resource, "portal-" + i);
		}
		createToken(resource, "manual");
		SandboxClient.Response response = sandbox.client()
			.get(resource.tokens() + "?search=PORTAL&per_page=2&page=2", PRIVILEGED_TOKEN);
		assertThat(response.json()).extracting((token) -> token.get("name").asString())
			.containsExactly("portal-3", "portal-4");
		assertThat(response.header("X-Total")).isEqualTo("5");
		assertThat(response.header("X-Next-Page")).isEqualTo("3");
		assertThat(response.header("X-Prev-Page")).isEqualTo("1");
		assertThat(response.header("Link")).contains(
				sandbox.gitlab().baseUrl() + resource.tokens() + "?page=3&per_page=2&search=PORTAL>; rel=\"next\"");
	}

	@ParameterizedTest
	@EnumSource
	void listByNonPrivilegedUserIsUnauthorized(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().get(resource.tokens(), resource.nonPrivilegedToken);
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
	}

	@ParameterizedTest
	@EnumSource
	void getReturnsTheTokenAndAnotherBotsTokenAlike(ResourceKind resource) {
		long first = createToken(resource, "first");
		long second = createToken(resource, "second");
		JsonNode token = sandbox.client().get(resource.tokens() + "/" + second, PRIVILEGED_TOKEN).json();
		assertThat(token.get("id").asLong()).isEqualTo(second);
		assertThat(token.get("name").asString()).isEqualTo("second");
		assertThat(token.get("access_level").asInt()).isEqualTo(resource.botLevel);
		assertThat(token.get("expires_at").asString())
			.isEqualTo(sandbox.gitlab().state().today().plusDays(365).toString());
		assertThat(token.has("token")).isFalse();
		assertThat(sandbox.client().get(resource.tokens() + "/" + first, PRIVILEGED_TOKEN).status()).isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource
	void getUnknownTokenIsNotFoundWithTheConfiguredMessage(ResourceKind resource) {
		SandboxClient.Response legacy = sandbox.client().get(resource.tokens() + "/424242", PRIVILEGED_TOKEN);
		sandbox.gitlab().settings().notFoundMessageStyle(SandboxSettings.NotFoundMessageStyle.NEWEST);
		SandboxClient.Response newest = sandbox.client().get(resource.tokens() + "/424242", PRIVILEGED_TOKEN);
		assertThat(legacy.status()).isEqualTo(404);
		assertThat(legacy.json().get("message").asString())
			.isEqualTo("404 Could not find " + resource.label + " access token with token_id: 424242 Not Found");
		assertThat(newest.status()).isEqualTo(404);
		assertThat(newest.json().get("message").asString())
			.isEqualTo("404 " + resource.label + " Access Token Not Found");
	}

	@ParameterizedTest
	@EnumSource
	void getTokenOfAnotherResourceIsNotFound(ResourceKind resource) {
		long theirs = sandbox.client()
			.post(resource.tokens(resource.otherId), PRIVILEGED_TOKEN, resource.tokenRequest("theirs"))
			.json()
			.get("id")
			.asLong();
		SandboxClient.Response response = sandbox.client().get(resource.tokens() + "/" + theirs, PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body())
			.contains("Could not find " + resource.label + " access token with token_id: " + theirs);
	}

	@ParameterizedTest
	@EnumSource
	void getByNonPrivilegedUserIsUnauthorizedEvenForUnknownIds(ResourceKind resource) {
		long id = createToken(resource, "secret");
		assertThat(sandbox.client().get(resource.tokens() + "/" + id, resource.nonPrivilegedToken).status())
			.isEqualTo(401);
		assertThat(sandbox.client().get(resource.tokens() + "/424242", resource.nonPrivilegedToken).status())
			.isEqualTo(401);
	}

	/**
	 * Five active tokens, one that expired yesterday and one revoked, in id order.
	 */
	private List<Long> createActiveExpiredAndRevoked(ResourceKind resource) {
		List<Long> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			ids.add(createToken(resource, "active-" + i));
		}
		String yesterday = sandbox.gitlab().state().today().minusDays(1).toString();
		ids.add(sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "expired", "scopes", List.of("api"), "expires_at", yesterday))
			.json()
			.get("id")
			.asLong());
		long revoked = createToken(resource, "revoked");
		assertThat(sandbox.client().delete(resource.tokens() + "/" + revoked, PRIVILEGED_TOKEN).status())
			.isEqualTo(204);
		ids.add(revoked);
		return ids;
	}

	private long createToken(ResourceKind resource, String name) {
		SandboxClient.Response response = sandbox.client()
			.post(resource.tokens(), PRIVILEGED_TOKEN, resource.tokenRequest(name));
		assertThat(response.status()).isEqualTo(201);
		return response.json().get("id").asLong();
	}

	private static List<Long> ids(SandboxClient.Response response) {
		List<Long> ids = new ArrayList<>();
		response.json().forEach((token) -> ids.add(token.get("id").asLong()));
		return ids;
	}

}
