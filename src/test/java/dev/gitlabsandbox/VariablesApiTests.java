package dev.gitlabsandbox;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static dev.gitlabsandbox.ResourceKind.PRIVILEGED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Project and group CI/CD variables over HTTP: gitlab-api.md §12 and its acceptance cases
 * (§12.9, 1–18), the check order of §12.6 and the 17.4 version gate of hidden variables.
 * P is {@code platform/backend/api} (Bob Owner through {@code platform}, Alice
 * Developer), G is {@code platform/frontend} (Bob Owner through {@code platform}, Erin
 * Maintainer).
 *
 * @author Token Portal team
 */
class VariablesApiTests {

	private static final String FILTER = "filter%5Benvironment_scope%5D=";

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	// --- case 1 and 11: who may call ---

	@ParameterizedTest
	@EnumSource
	void listByAnAllowedUserIs200AndBelowTheRoleIs403(ResourceKind resource) {
		seed(resource, "TEST_VARIABLE_1", "TEST_1");
		SandboxClient.Response list = sandbox.client().get(variables(resource), PRIVILEGED_TOKEN);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).extracting((variable) -> variable.get("key").asString())
			.containsExactly("TEST_VARIABLE_1");
		SandboxClient.Response below = sandbox.client().get(variables(resource), resource.nonPrivilegedToken);
		assertThat(below.status()).isEqualTo(403);
		assertThat(below.body()).isEqualTo("{\"message\":\"403 Forbidden\"}");
		assertThat(sandbox.client().get(variables(resource) + "/TEST_VARIABLE_1", resource.nonPrivilegedToken).status())
			.isEqualTo(403);
		assertThat(
				sandbox.client().delete(variables(resource) + "/TEST_VARIABLE_1", resource.nonPrivilegedToken).status())
			.isEqualTo(403);
		assertThat(sandbox.gitlab().state().variables(resource.source())).hasSize(1);
	}

	@ParameterizedTest
	@EnumSource
	void postOrPutBelowTheRoleIs403EvenWithoutParameters(ResourceKind resource) {
		seed(resource, "TEST_VARIABLE_1", "TEST_1");
		SandboxClient.Response create = sandbox.client()
			.post(variables(resource), resource.nonPrivilegedToken, Map.of());
		assertThat(create.status()).isEqualTo(403);
		assertThat(create.body()).isEqualTo("{\"message\":\"403 Forbidden\"}");
		SandboxClient.Response update = sandbox.client()
			.put(variables(resource) + "/TEST_VARIABLE_1", resource.nonPrivilegedToken, Map.of());
		assertThat(update.status()).isEqualTo(403);
	}

	@ParameterizedTest
	@EnumSource
	void withoutCredentialsIs401(ResourceKind resource) {
		SandboxClient.Response list = sandbox.client().send(sandbox.client().request(variables(resource)).GET());
		assertThat(list.status()).isEqualTo(401);
		assertThat(list.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
		SandboxClient.Response create = sandbox.client()
			.send(sandbox.client().request(variables(resource)).POST(BodyPublishers.noBody()));
		assertThat(create.status()).isEqualTo(401);
	}

	@ParameterizedTest
	@EnumSource
	void aReadApiTokenMayListButNotWrite(ResourceKind resource) {
		String readApi = sandbox.gitlab().state().createPersonalAccessToken(SandboxSeed.BOB, List.of("read_api"), null);
		assertThat(sandbox.client().get(variables(resource), readApi).status()).isEqualTo(200);
		SandboxClient.Response create = sandbox.client().post(variables(resource), readApi, Map.of());
		assertThat(create.status()).isEqualTo(403);
		assertThat(create.json().get("error").asString()).isEqualTo("insufficient_scope");
	}

	@ParameterizedTest
	@EnumSource
	void anAdministratorInAdminModeMayManageVariables(ResourceKind resource) {
		SandboxClient.Response create = sandbox.client()
			.post(variables(resource), SandboxSeed.SERVICE_TOKEN, Map.of("key", "K", "value", "v"));
		assertThat(create.status()).isEqualTo(201);
	}

	@Test
	void anInheritedMaintainerMayManageProjectVariables() {
		// erin is Maintainer of platform/frontend, so of its project web
		SandboxClient.Response create = sandbox.client()
			.post("/api/v4/projects/" + SandboxSeed.WEB_ID + "/variables", SandboxSeed.ERIN_TOKEN,
					Map.of("key", "K", "value", "v"));
		assertThat(create.status()).isEqualTo(201);
		assertThat(sandbox.gitlab().state().variables(SandboxSeed.WEB)).hasSize(1);
	}

	@Test
	void aProjectAccessTokensMaintainerBotMayManageItsProjectsVariables() {
		String bot = sandbox.client()
			.post(ResourceKind.PROJECT.tokens(), PRIVILEGED_TOKEN,
					Map.of("name", "ci", "scopes", List.of("api"), "access_level", AccessLevels.MAINTAINER))
			.json()
			.get("token")
			.asString();
		assertThat(
				sandbox.client().post(variables(ResourceKind.PROJECT), bot, Map.of("key", "K", "value", "v")).status())
			.isEqualTo(201);
	}

	@ParameterizedTest
	@EnumSource
	void theIdMayBeTheUrlEncodedPath(ResourceKind resource) {
		String encoded = path(resource).replace("/", "%2F");
		SandboxClient.Response create = sandbox.client()
			.post("/api/v4/" + resource.segment + "/" + encoded + "/variables", PRIVILEGED_TOKEN,
					Map.of("key", "K", "value", "v"));
		assertThat(create.status()).isEqualTo(201);
		assertThat(sandbox.gitlab().state().variables(resource.source())).hasSize(1);
	}

	// --- §12.6: check order ---

	@ParameterizedTest
	@EnumSource
	void anInvisibleResourceIs404BeforeTheRoleAndTheParameters(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post("/api/v4/" + resource.segment + "/" + resource.invisibleId + "/variables", PRIVILEGED_TOKEN,
					Map.of());
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"message\":\"" + resource.notFound() + "\"}");
	}

	@ParameterizedTest
	@EnumSource
	void parametersAreCheckedAfterTheRole(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().post(variables(resource), PRIVILEGED_TOKEN, Map.of());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"key is missing, value is missing\"}");
	}

	@ParameterizedTest
	@EnumSource
	void parametersAreCheckedBeforeTheVariableAndTheVariableBeforeTheModel(ResourceKind resource) {
		SandboxClient.Response badParameter = sandbox.client()
			.put(variables(resource) + "/UNKNOWN", PRIVILEGED_TOKEN, Map.of("variable_type", "secret"));
		assertThat(badParameter.status()).isEqualTo(400);
		assertThat(badParameter.body()).isEqualTo("{\"error\":\"variable_type does not have a valid value\"}");
		SandboxClient.Response unknown = sandbox.client()
			.put(variables(resource) + "/UNKNOWN", PRIVILEGED_TOKEN, Map.of("value", "shrt", "masked", true));
		assertThat(unknown.status()).isEqualTo(404);
	}

	// --- cases 2 to 5: reading ---

	@ParameterizedTest
	@EnumSource
	void aHiddenVariableNeverShowsItsValue(ResourceKind resource) {
		Map<String, Object> request = Map.of("key", "TEST_VARIABLE_2", "value", "PROTECTED_VALUE_2", "protected", true,
				"masked_and_hidden", true, "raw", true);
		assertThat(sandbox.client().post(variables(resource), PRIVILEGED_TOKEN, request).status()).isEqualTo(201);
		SandboxClient.Response one = sandbox.client().get(variables(resource) + "/TEST_VARIABLE_2", PRIVILEGED_TOKEN);
		assertThat(one.status()).isEqualTo(200);
		JsonNode variable = one.json();
		assertThat(variable.get("value").isNull()).isTrue();
		assertThat(variable.get("hidden").asBoolean()).isTrue();
		assertThat(variable.get("protected").asBoolean()).isTrue();
		assertThat(variable.get("masked").asBoolean()).isTrue();
		assertThat(variable.get("raw").asBoolean()).isTrue();
		assertThat(variable.get("variable_type").asString()).isEqualTo("env_var");
		assertThat(variable.get("description").isNull()).isTrue();
		SandboxClient.Response list = sandbox.client().get(variables(resource), PRIVILEGED_TOKEN);
		assertThat(list.json().get(0).get("value").isNull()).isTrue();
		assertThat(one.body() + list.body()).doesNotContain("PROTECTED_VALUE_2");
	}

	@ParameterizedTest
	@EnumSource
	void aPlainVariableShowsItsValue(ResourceKind resource) {
		seed(resource, "TEST_VARIABLE_1", "TEST_1");
		SandboxClient.Response response = sandbox.client()
			.get(variables(resource) + "/TEST_VARIABLE_1", PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"variable_type\":\"env_var\",\"key\":\"TEST_VARIABLE_1\","
				+ "\"value\":\"TEST_1\",\"hidden\":false,\"protected\":false,\"masked\":false,\"raw\":false,"
				+ "\"environment_scope\":\"*\",\"description\":null}");
	}

	@ParameterizedTest
	@EnumSource
	void anUnknownKeyIs404(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().get(variables(resource) + "/NOPE", PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(404);
		String thing = (resource == ResourceKind.PROJECT) ? "Variable" : "GroupVariable";
		assertThat(response.body()).isEqualTo("{\"message\":\"404 " + thing + " Not Found\"}");
	}

	@ParameterizedTest
	@EnumSource
	void aKeyInSeveralScopesNeedsAFilter(ResourceKind resource) {
		seedScoped(resource, "key1", "staging", "STAGING_VALUE");
		seedScoped(resource, "key1", "production", "PRODUCTION_VALUE");
		SandboxClient.Response ambiguous = sandbox.client().get(variables(resource) + "/key1", PRIVILEGED_TOKEN);
		assertThat(ambiguous.status()).isEqualTo(409);
		assertThat(ambiguous.body()).isEqualTo("{\"message\":\"There are multiple variables with provided parameters. "
				+ "Please use 'filter[environment_scope]'\"}");
		SandboxClient.Response production = sandbox.client()
			.get(variables(resource) + "/key1?" + FILTER + "production", PRIVILEGED_TOKEN);
		assertThat(production.status()).isEqualTo(200);
		assertThat(production.json().get("value").asString()).isEqualTo("PRODUCTION_VALUE");
		assertThat(sandbox.client().get(variables(resource) + "/key1?" + FILTER + "invalid", PRIVILEGED_TOKEN).status())
			.isEqualTo(404);
	}

	@Test
	void aFilterNamingNoScopeOfTheOnlyVariableIs404() {
		seedScoped(ResourceKind.PROJECT, "key1", "staging", "STAGING_VALUE");
		assertThat(sandbox.client()
			.get(variables(ResourceKind.PROJECT) + "/key1?" + FILTER + "invalid", PRIVILEGED_TOKEN)
			.status()).isEqualTo(404);
	}

	@Test
	void theListIsPaginatedInCreationOrder() {
		for (int i = 1; i <= 3; i++) {
			seed(ResourceKind.PROJECT, "V" + i, "value" + i);
		}
		SandboxClient.Response page = sandbox.client()
			.get(variables(ResourceKind.PROJECT) + "?per_page=2&page=1", PRIVILEGED_TOKEN);
		assertThat(page.json()).extracting((variable) -> variable.get("key").asString()).containsExactly("V1", "V2");
		assertThat(page.header("X-Total")).isEqualTo("3");
		assertThat(page.header("X-Total-Pages")).isEqualTo("2");
		assertThat(page.header("X-Next-Page")).isEqualTo("2");
		SandboxClient.Response second = sandbox.client()
			.get(variables(ResourceKind.PROJECT) + "?per_page=2&page=2", PRIVILEGED_TOKEN);
		assertThat(second.json()).extracting((variable) -> variable.get("key").asString()).containsExactly("V3");
	}

	// --- cases 6 to 10: creating ---

	@ParameterizedTest
	@EnumSource
	void createEchoesAMaskedRawProtectedVariable(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("key", "TEST_VARIABLE_2", "value", "PROTECTED_VALUE_2",
					"protected", true, "masked", true, "raw", true));
		assertThat(response.status()).isEqualTo(201);
		JsonNode variable = response.json();
		assertThat(variable.get("key").asString()).isEqualTo("TEST_VARIABLE_2");
		assertThat(variable.get("value").asString()).isEqualTo("PROTECTED_VALUE_2");
		assertThat(variable.get("hidden").asBoolean()).isFalse();
		assertThat(variable.get("protected").asBoolean()).isTrue();
		assertThat(variable.get("masked").asBoolean()).isTrue();
		assertThat(variable.get("raw").asBoolean()).isTrue();
		assertThat(variable.get("variable_type").asString()).isEqualTo("env_var");
		assertThat(variable.get("environment_scope").asString()).isEqualTo("*");
		assertThat(sandbox.gitlab().state().variables(resource.source())).singleElement().satisfies((stored) -> {
			assertThat(stored.value()).isEqualTo("PROTECTED_VALUE_2");
			assertThat(stored.isProtected()).isTrue();
			assertThat(stored.masked()).isTrue();
			assertThat(stored.raw()).isTrue();
			assertThat(stored.hidden()).isFalse();
		});
	}

	@ParameterizedTest
	@EnumSource
	void createMaskedAndHiddenAnswersWithoutTheValue(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("key", "TEST_VARIABLE_2", "value", "PROTECTED_VALUE_2",
					"protected", true, "masked_and_hidden", true, "raw", true));
		assertThat(response.status()).isEqualTo(201);
		JsonNode variable = response.json();
		assertThat(variable.has("value")).isTrue();
		assertThat(variable.get("value").isNull()).isTrue();
		assertThat(variable.get("hidden").asBoolean()).isTrue();
		assertThat(variable.get("masked").asBoolean()).isTrue();
		assertThat(response.body()).doesNotContain("PROTECTED_VALUE_2");
		assertThat(sandbox.gitlab().state().variable(path(resource), "TEST_VARIABLE_2", "*")).get()
			.extracting(SandboxVariable::value, SandboxVariable::hidden, SandboxVariable::masked)
			.containsExactly("PROTECTED_VALUE_2", true, true);
	}

	@ParameterizedTest
	@EnumSource
	void createAFileVariableWithADescription(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("variable_type", "file", "key", "TEST_VARIABLE_2",
					"value", "VALUE_2", "description", "description"));
		assertThat(response.status()).isEqualTo(201);
		JsonNode variable = response.json();
		assertThat(variable.get("variable_type").asString()).isEqualTo("file");
		assertThat(variable.get("description").asString()).isEqualTo("description");
		assertThat(variable.get("protected").asBoolean()).isFalse();
		assertThat(variable.get("masked").asBoolean()).isFalse();
		assertThat(variable.get("raw").asBoolean()).isFalse();
		assertThat(variable.get("hidden").asBoolean()).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void anExistingKeyInTheSameScopeIs400AndInAnotherScope201(ResourceKind resource) {
		seed(resource, "PORTAL_TOKEN", "old");
		SandboxClient.Response duplicate = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("key", "PORTAL_TOKEN", "value", "new"));
		assertThat(duplicate.status()).isEqualTo(400);
		assertThat(duplicate.body()).isEqualTo("{\"message\":{\"key\":[\"(PORTAL_TOKEN) has already been taken\"]}}");
		assertThat(sandbox.gitlab().state().variables(resource.source())).hasSize(1);
		SandboxClient.Response otherScope = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN,
					Map.of("key", "PORTAL_TOKEN", "value", "new", "environment_scope", "review/*"));
		assertThat(otherScope.status()).isEqualTo(201);
		assertThat(otherScope.json().get("environment_scope").asString()).isEqualTo("review/*");
	}

	@ParameterizedTest
	@EnumSource
	void thePlanLimitStopsCreation(ResourceKind resource) {
		sandbox.gitlab().settings().ciVariablesLimit(1);
		seed(resource, "FIRST", "one");
		SandboxClient.Response response = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("key", "SECOND", "value", "two"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().get("message").get("base").get(0).asString())
			.isEqualTo("Maximum number of " + resource.label + " ci variables (1) exceeded");
		assertThat(sandbox.gitlab().state().variables(resource.source())).hasSize(1);
	}

	@Test
	void theDefaultPlanLimitIs200() {
		assertThat(sandbox.gitlab().settings().ciVariablesLimit()).isEqualTo(200);
		sandbox.gitlab().settings().ciVariablesLimit(3);
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().settings().ciVariablesLimit()).isEqualTo(200);
	}

	@ParameterizedTest
	@EnumSource
	void keysAreStrippedAndChecked(ResourceKind resource) {
		SandboxClient.Response stripped = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("key", "  SPACED  ", "value", "v"));
		assertThat(stripped.status()).isEqualTo(201);
		assertThat(stripped.json().get("key").asString()).isEqualTo("SPACED");
		assertThat(modelError(resource, Map.of("key", "PORTAL-TOKEN", "value", "v")))
			.isEqualTo("{\"message\":{\"key\":[\"can contain only letters, digits and '_'.\"]}}");
		assertThat(modelError(resource, Map.of("key", "   ", "value", "v")))
			.isEqualTo("{\"message\":{\"key\":[\"can't be blank\",\"can contain only letters, digits and '_'.\"]}}");
		assertThat(modelError(resource, Map.of("key", "K".repeat(256), "value", "v")))
			.isEqualTo("{\"message\":{\"key\":[\"is too long (maximum is 255 characters)\"]}}");
	}

	@ParameterizedTest
	@EnumSource
	void scopeDescriptionAndTypeAreChecked(ResourceKind resource) {
		assertThat(modelError(resource, Map.of("key", "K", "value", "v", "environment_scope", "prod;uction")))
			.isEqualTo("{\"message\":{\"environment_scope\":[\"can contain only letters, digits, '-', '_', '/', "
					+ "'$', '{', '}', '.', '*' and spaces\"]}}");
		assertThat(modelError(resource, Map.of("key", "K", "value", "v", "description", "d".repeat(256))))
			.isEqualTo("{\"message\":{\"description\":[\"is too long (maximum is 255 characters)\"]}}");
		SandboxClient.Response type = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, Map.of("key", "K", "value", "v", "variable_type", "secret"));
		assertThat(type.status()).isEqualTo(400);
		assertThat(type.body()).isEqualTo("{\"error\":\"variable_type does not have a valid value\"}");
		assertThat(sandbox.gitlab().state().variables(resource.source())).isEmpty();
	}

	@ParameterizedTest
	@EnumSource
	void maskedValuesFollowTheMaskingRules(ResourceKind resource) {
		assertThat(modelError(resource, Map.of("key", "SHORT", "value", "shrt", "masked", true)))
			.isEqualTo("{\"message\":{\"value\":[\"is invalid\"]}}");
		assertThat(modelError(resource, Map.of("key", "SPACE", "value", "has a space", "masked", true, "raw", true)))
			.isEqualTo("{\"message\":{\"value\":[\"is invalid\"]}}");
		assertThat(modelError(resource, Map.of("key", "PERCENT", "value", "abc%def123", "masked", true)))
			.isEqualTo("{\"message\":{\"value\":[\"is invalid\"]}}");
		assertThat(sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN,
					Map.of("key", "PERCENT", "value", "abc%def123", "masked", true, "raw", true))
			.status()).isEqualTo(201);
		// a project access token's value may be masked (§12.4)
		String token = Secrets.accessTokenValue();
		assertThat(sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN,
					Map.of("key", "PORTAL_TOKEN", "value", token, "masked_and_hidden", true))
			.status()).isEqualTo(201);
	}

	@Test
	void theGroupApiCastsStringFlags() {
		JsonNode variable = sandbox.client()
			.post(variables(ResourceKind.GROUP), PRIVILEGED_TOKEN,
					Map.of("key", "K", "value", "VALUE_123", "protected", "true", "masked", "false", "raw", "yes"))
			.json();
		assertThat(variable.get("protected").asBoolean()).isTrue();
		assertThat(variable.get("masked").asBoolean()).isFalse();
		assertThat(variable.get("raw").asBoolean()).isTrue();
	}

	@Test
	void theProjectApiRejectsAFlagThatIsNoBoolean() {
		SandboxClient.Response response = sandbox.client()
			.post(variables(ResourceKind.PROJECT), PRIVILEGED_TOKEN,
					Map.of("key", "K", "value", "v", "masked", "maybe"));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"masked is invalid\"}");
	}

	// --- §12.8: before 17.4 there are no hidden variables ---

	@ParameterizedTest
	@EnumSource
	void before17Point4MaskedAndHiddenIsIgnoredAndResponsesHaveNoHiddenKey(ResourceKind resource) {
		sandbox.gitlab().settings().version("17.3.5");
		SandboxClient.Response response = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN,
					Map.of("key", "K", "value", "VALUE_123", "masked_and_hidden", true));
		assertThat(response.status()).isEqualTo(201);
		assertThat(response.json().has("hidden")).isFalse();
		assertThat(response.json().get("value").asString()).isEqualTo("VALUE_123");
		assertThat(response.json().get("masked").asBoolean()).isFalse();
		assertThat(sandbox.gitlab().state().variables(resource.source())).singleElement()
			.extracting(SandboxVariable::hidden)
			.isEqualTo(false);
		sandbox.gitlab().settings().version("17.4.0");
		assertThat(sandbox.client().get(variables(resource) + "/K", PRIVILEGED_TOKEN).json().has("hidden")).isTrue();
	}

	// --- cases 12 to 16: updating ---

	@ParameterizedTest
	@EnumSource
	void updateChangesValueTypeProtectionAndDescriptionButNotTheKey(ResourceKind resource) {
		seed(resource, "TEST_VARIABLE_1", "VALUE_1");
		SandboxClient.Response response = sandbox.client()
			.put(variables(resource) + "/TEST_VARIABLE_1", PRIVILEGED_TOKEN, Map.of("key", "RENAMED", "variable_type",
					"file", "value", "VALUE_1_UP", "protected", true, "description", "updated"));
		assertThat(response.status()).isEqualTo(200);
		JsonNode variable = response.json();
		assertThat(variable.get("key").asString()).isEqualTo("TEST_VARIABLE_1");
		assertThat(variable.get("value").asString()).isEqualTo("VALUE_1_UP");
		assertThat(variable.get("variable_type").asString()).isEqualTo("file");
		assertThat(variable.get("protected").asBoolean()).isTrue();
		assertThat(variable.get("description").asString()).isEqualTo("updated");
		assertThat(sandbox.gitlab().state().variables(resource.source())).singleElement().satisfies((stored) -> {
			assertThat(stored.key()).isEqualTo("TEST_VARIABLE_1");
			assertThat(stored.value()).isEqualTo("VALUE_1_UP");
			assertThat(stored.variableType()).isEqualTo("file");
		});
	}

	@ParameterizedTest
	@EnumSource
	void aHiddenVariableCannotBeUnmaskedButItsValueCanChange(ResourceKind resource) {
		sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN,
					Map.of("key", "HIDDEN", "value", "VALUE_1_ORIGINAL", "masked_and_hidden", true));
		SandboxClient.Response unmask = sandbox.client()
			.put(variables(resource) + "/HIDDEN", PRIVILEGED_TOKEN, Map.of("masked", false));
		assertThat(unmask.status()).isEqualTo(400);
		assertThat(unmask.body()).isEqualTo("{\"message\":{\"base\":"
				+ "[\"The visibility setting cannot be changed for masked and hidden variables.\"]}}");
		assertThat(sandbox.gitlab().state().variables(resource.source()).get(0).masked()).isTrue();
		SandboxClient.Response newValue = sandbox.client()
			.put(variables(resource) + "/HIDDEN", PRIVILEGED_TOKEN, Map.of("value", "VALUE_2_ROTATED", "masked", true));
		assertThat(newValue.status()).isEqualTo(200);
		assertThat(newValue.json().get("value").isNull()).isTrue();
		assertThat(newValue.json().get("hidden").asBoolean()).isTrue();
		assertThat(sandbox.gitlab().state().variables(resource.source()).get(0).value()).isEqualTo("VALUE_2_ROTATED");
		assertThat(sandbox.client()
			.put(variables(resource) + "/HIDDEN", PRIVILEGED_TOKEN, Map.of("value", "shrt"))
			.status()).isEqualTo(400);
	}

	@ParameterizedTest
	@EnumSource
	void maskingAnUnhiddenVariableNeedsAMaskableValue(ResourceKind resource) {
		seed(resource, "LONG", "VALUE_1_LONG");
		seed(resource, "SHORT", "shrt");
		SandboxClient.Response masked = sandbox.client()
			.put(variables(resource) + "/LONG", PRIVILEGED_TOKEN, Map.of("masked", true));
		assertThat(masked.status()).isEqualTo(200);
		assertThat(masked.json().get("masked").asBoolean()).isTrue();
		SandboxClient.Response refused = sandbox.client()
			.put(variables(resource) + "/SHORT", PRIVILEGED_TOKEN, Map.of("value", "shrt", "masked", true));
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).isEqualTo("{\"message\":{\"value\":[\"is invalid\"]}}");
		assertThat(sandbox.gitlab().state().variable(path(resource), "SHORT", "*").orElseThrow().masked()).isFalse();
	}

	@Test
	void aProjectUpdateWithAFilterChangesOnlyThatScope() {
		seedScoped(ResourceKind.PROJECT, "key1", "staging", "STAGING_VALUE");
		seedScoped(ResourceKind.PROJECT, "key1", "production", "PRODUCTION_VALUE");
		String key1 = variables(ResourceKind.PROJECT) + "/key1";
		assertThat(sandbox.client().put(key1, PRIVILEGED_TOKEN, Map.of("value", "NEW")).status()).isEqualTo(409);
		SandboxClient.Response filtered = sandbox.client()
			.put(key1 + "?" + FILTER + "production", PRIVILEGED_TOKEN, Map.of("value", "NEW"));
		assertThat(filtered.status()).isEqualTo(200);
		assertThat(sandbox.gitlab().state().variable(SandboxSeed.API, "key1", "production").orElseThrow().value())
			.isEqualTo("NEW");
		assertThat(sandbox.gitlab().state().variable(SandboxSeed.API, "key1", "staging").orElseThrow().value())
			.isEqualTo("STAGING_VALUE");
		assertThat(sandbox.client()
			.put(key1 + "?" + FILTER + "invalid", PRIVILEGED_TOKEN, Map.of("value", "NEW"))
			.status()).isEqualTo(404);
	}

	@Test
	void aGroupUpdateWithoutFilterChangesTheFirstMatch() {
		seedScoped(ResourceKind.GROUP, "key1", "staging", "STAGING_VALUE");
		seedScoped(ResourceKind.GROUP, "key1", "production", "PRODUCTION_VALUE");
		String key1 = variables(ResourceKind.GROUP) + "/key1";
		assertThat(sandbox.client().put(key1, PRIVILEGED_TOKEN, Map.of("value", "NEW")).status()).isEqualTo(200);
		String group = SandboxSeed.PLATFORM_FRONTEND;
		assertThat(sandbox.gitlab().state().variable(group, "key1", "staging").orElseThrow().value()).isEqualTo("NEW");
		assertThat(sandbox.gitlab().state().variable(group, "key1", "production").orElseThrow().value())
			.isEqualTo("PRODUCTION_VALUE");
		assertThat(sandbox.client()
			.put(key1 + "?" + FILTER + "production", PRIVILEGED_TOKEN, Map.of("value", "NEWER"))
			.status()).isEqualTo(200);
		assertThat(sandbox.gitlab().state().variable(group, "key1", "production").orElseThrow().value())
			.isEqualTo("NEWER");
		assertThat(sandbox.client().delete(key1, PRIVILEGED_TOKEN).status()).isEqualTo(409);
	}

	@ParameterizedTest
	@EnumSource
	void updatingAnUnknownKeyIs404(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.put(variables(resource) + "/NOPE", PRIVILEGED_TOKEN, Map.of("value", "v"));
		assertThat(response.status()).isEqualTo(404);
	}

	// --- case 17: deleting ---

	@ParameterizedTest
	@EnumSource
	void deleteAnswers204AndTheVariableIsGone(ResourceKind resource) {
		seed(resource, "TEST_VARIABLE_1", "VALUE_1");
		seed(resource, "OTHER", "VALUE_2");
		SandboxClient.Response response = sandbox.client()
			.delete(variables(resource) + "/TEST_VARIABLE_1", PRIVILEGED_TOKEN);
		assertThat(response.status()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		assertThat(sandbox.gitlab().state().variables(resource.source())).extracting(SandboxVariable::key)
			.containsExactly("OTHER");
		assertThat(sandbox.client().delete(variables(resource) + "/TEST_VARIABLE_1", PRIVILEGED_TOKEN).status())
			.isEqualTo(404);
	}

	@Test
	void aProjectDeleteWithAFilterDeletesOnlyThatScope() {
		seedScoped(ResourceKind.PROJECT, "key1", "staging", "STAGING_VALUE");
		seedScoped(ResourceKind.PROJECT, "key1", "production", "PRODUCTION_VALUE");
		String key1 = variables(ResourceKind.PROJECT) + "/key1";
		assertThat(sandbox.client().delete(key1 + "?" + FILTER + "invalid", PRIVILEGED_TOKEN).status()).isEqualTo(404);
		assertThat(sandbox.client().delete(key1, PRIVILEGED_TOKEN).status()).isEqualTo(409);
		assertThat(sandbox.client().delete(key1 + "?" + FILTER + "production", PRIVILEGED_TOKEN).status())
			.isEqualTo(204);
		assertThat(sandbox.gitlab().state().variables(SandboxSeed.API)).extracting(SandboxVariable::environmentScope)
			.containsExactly("staging");
	}

	@Test
	void aGroupDeleteHonoursIfUnmodifiedSince() {
		seed(ResourceKind.GROUP, "K", "v");
		DateTimeFormatter http = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
		String anHourAgo = http.format(sandbox.gitlab().state().now().minusSeconds(3600));
		String inAnHour = http.format(sandbox.gitlab().state().now().plusSeconds(3600));
		String key = variables(ResourceKind.GROUP) + "/K";
		SandboxClient.Response stale = sandbox.client()
			.send(sandbox.client()
				.request(key)
				.header("PRIVATE-TOKEN", PRIVILEGED_TOKEN)
				.header("If-Unmodified-Since", anHourAgo)
				.DELETE());
		assertThat(stale.status()).isEqualTo(412);
		assertThat(stale.body()).isEqualTo("{\"message\":\"412 Precondition Failed\"}");
		SandboxClient.Response fresh = sandbox.client()
			.send(sandbox.client()
				.request(key)
				.header("PRIVATE-TOKEN", PRIVILEGED_TOKEN)
				.header("If-Unmodified-Since", inAnHour)
				.DELETE());
		assertThat(fresh.status()).isEqualTo(204);
	}

	// --- case 18: the call log never holds a value ---

	@ParameterizedTest
	@EnumSource
	void theCallLogShowsTheValueAsFiltered(ResourceKind resource) {
		String secret = Secrets.accessTokenValue();
		sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN,
					Map.of("key", "PORTAL_TOKEN", "value", secret, "masked", true));
		String rotated = Secrets.accessTokenValue();
		sandbox.client().put(variables(resource) + "/PORTAL_TOKEN?value=" + rotated, PRIVILEGED_TOKEN, Map.of());
		List<RecordedCall> calls = sandbox.gitlab()
			.faults()
			.calls("*", "/api/v4/" + resource.segment + "/*/variables/**");
		assertThat(calls).hasSize(1);
		assertThat(calls.get(0).query()).isEqualTo("value=[FILTERED]");
		RecordedCall create = sandbox.gitlab()
			.faults()
			.calls("POST", "/api/v4/" + resource.segment + "/*/variables")
			.get(0);
		assertThat(create.params()).containsEntry("key", "PORTAL_TOKEN")
			.containsEntry("value", "[FILTERED]")
			.containsEntry("masked", "true");
		assertThat(sandbox.gitlab().faults().calls().toString()
				+ sandbox.gitlab().faults().calls().stream().map((call) -> call.query() + call.params()).toList())
			.doesNotContain(secret)
			.doesNotContain(rotated);
		assertThat(sandbox.gitlab().state().variables(resource.source()).get(0).value()).isEqualTo(rotated);
	}

	// --- faults, the test-facing state and the page ---

	@Test
	void aCreateCanActAndDropTheConnection() {
		sandbox.gitlab().faults().on("POST", "/api/v4/projects/*/variables").dropConnectionAfterAction().times(1);
		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> sandbox.client()
			.post(variables(ResourceKind.PROJECT), PRIVILEGED_TOKEN, Map.of("key", "K", "value", "v")));
		assertThat(sandbox.gitlab().state().variables(SandboxSeed.API)).hasSize(1);
		sandbox.gitlab().faults().on("PUT", "/api/v4/projects/*/variables/*").respond(502, "{}").times(1);
		assertThat(sandbox.client()
			.put(variables(ResourceKind.PROJECT) + "/K", PRIVILEGED_TOKEN, Map.of("value", "changed"))
			.status()).isEqualTo(502);
		assertThat(sandbox.gitlab().state().variables(SandboxSeed.API).get(0).value()).isEqualTo("v");
	}

	@Test
	void seededVariablesAreServedAndNeverPrintTheirValue() {
		SandboxVariable seeded = sandbox.gitlab()
			.state()
			.addVariable(SandboxSeed.API, "PORTAL_TOKEN", "glpat-seeded-secret-value", "production", true, true, true);
		assertThat(seeded.toString()).doesNotContain("glpat-seeded-secret-value")
			.contains("PORTAL_TOKEN")
			.contains("set, 25 characters");
		JsonNode variable = sandbox.client()
			.get(variables(ResourceKind.PROJECT) + "/PORTAL_TOKEN", PRIVILEGED_TOKEN)
			.json();
		assertThat(variable.get("value").isNull()).isTrue();
		assertThat(variable.get("environment_scope").asString()).isEqualTo("production");
		assertThat(sandbox.gitlab().state().variables(SourceRef.project(SandboxSeed.API_ID))).containsExactly(seeded);
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().state().allVariables()).isEmpty();
	}

	@Test
	void thePageListsVariablesWithoutTheirValues() {
		SandboxClient.Response empty = sandbox.client().get(GitLabSandbox.VARIABLES_PAGE_PATH, "");
		assertThat(empty.status()).isEqualTo(200);
		assertThat(empty.body()).contains("No CI/CD variable yet.");
		sandbox.gitlab()
			.state()
			.addVariable(SandboxSeed.API, "PORTAL_TOKEN", "glpat-seeded-secret-value", "*", true, true, true);
		sandbox.gitlab().state().addVariable(SandboxSeed.PLATFORM_FRONTEND, "GROUP_<TOKEN>", "abc");
		SandboxClient.Response page = sandbox.client().get(GitLabSandbox.VARIABLES_PAGE_PATH, "");
		assertThat(page.header("Content-Type")).startsWith("text/html");
		assertThat(page.body()).contains("Project <code>platform/backend/api</code>")
			.contains("Group <code>platform/frontend</code>")
			.contains("<td><code>PORTAL_TOKEN</code></td><td><code>*</code></td><td>env_var</td>"
					+ "<td>yes</td><td>yes</td><td>yes</td><td>no</td><td>set, 25 characters</td>")
			.contains("GROUP_&lt;TOKEN&gt;")
			.contains("set, 3 characters")
			.doesNotContain("glpat-seeded-secret-value")
			.contains("2 variables.");
	}

	@Test
	void theSignInAndInboxPagesLinkTheVariablesPage() {
		assertThat(sandbox.client().get(SandboxInbox.PAGE_PATH, "").body())
			.contains("href=\"" + GitLabSandbox.VARIABLES_PAGE_PATH + "\"");
		String authorize = "/oauth/authorize?" + SandboxClient.form(Map.of("client_id", SandboxSeed.CLIENT_ID,
				"redirect_uri", "http://localhost:8080/login/oauth2/code/gitlab", "response_type", "code", "scope",
				"openid profile email"));
		SandboxClient.Response page = sandbox.client().send(sandbox.client().request(authorize));
		assertThat(page.status()).isEqualTo(200);
		String signIn = page.body();
		assertThat(signIn).contains("href=\"" + GitLabSandbox.VARIABLES_PAGE_PATH + "\"");
	}

	private static void seed(ResourceKind resource, String key, String value) {
		sandbox.gitlab().state().addVariable(path(resource), key, value);
	}

	private static void seedScoped(ResourceKind resource, String key, String scope, String value) {
		sandbox.gitlab().state().addVariable(path(resource), key, value, scope, false, false, false);
	}

	private static String modelError(ResourceKind resource, Map<String, Object> request) {
		SandboxClient.Response response = sandbox.client()
			.post(variables(resource), PRIVILEGED_TOKEN, new LinkedHashMap<>(request));
		assertThat(response.status()).isEqualTo(400);
		return response.body();
	}

	private static String variables(ResourceKind resource) {
		return "/api/v4/" + resource.segment + "/" + resource.id + "/variables";
	}

	private static String path(ResourceKind resource) {
		SandboxState state = sandbox.gitlab().state();
		return (resource == ResourceKind.PROJECT) ? state.project(resource.id).orElseThrow().pathWithNamespace()
				: state.group(resource.id).orElseThrow().fullPath();
	}

}
