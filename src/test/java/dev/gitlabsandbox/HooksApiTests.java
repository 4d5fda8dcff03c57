package dev.gitlabsandbox;

import java.util.Map;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static dev.gitlabsandbox.ResourceKind.PRIVILEGED_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Project and group webhooks over HTTP: gitlab-api.md §13.1 and the acceptance cases of
 * §13.7 (4).
 *
 * @author Token Portal team
 */
class HooksApiTests {

	private static final String RECEIVER = "https://portal.example.com/webhooks/gitlab";

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@ParameterizedTest
	@EnumSource
	void createAnswers201WithTheHookButNeverItsToken(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(hooks(resource), PRIVILEGED_TOKEN, Map.of("url", RECEIVER, "token", "hook-secret",
					"resource_access_token_events", true, "push_events", false, "enable_ssl_verification", true));
		assertThat(response.status()).isEqualTo(201);
		JsonNode hook = response.json();
		assertThat(hook.get("url").asString()).isEqualTo(RECEIVER);
		assertThat(hook.get("resource_access_token_events").asBoolean()).isTrue();
		assertThat(hook.get("push_events").asBoolean()).isFalse();
		assertThat(hook.get("enable_ssl_verification").asBoolean()).isTrue();
		assertThat(hook.get("alert_status").asString()).isEqualTo("executable");
		assertThat(hook.get(resource.label + "_id").asLong()).isEqualTo(resource.id);
		assertThat(hook.has("token")).isFalse();
		assertThat(response.body()).doesNotContain("hook-secret");
		assertThat(sandbox.gitlab().state().hooks(path(resource))).singleElement()
			.extracting(SandboxHook::token)
			.isEqualTo("hook-secret");
	}

	@ParameterizedTest
	@EnumSource
	void pushEventsAreOnAndTokenEventsOffUnlessAsked(ResourceKind resource) {
		JsonNode hook = sandbox.client().post(hooks(resource), PRIVILEGED_TOKEN, Map.of("url", RECEIVER)).json();
		assertThat(hook.get("push_events").asBoolean()).isTrue();
		assertThat(hook.get("resource_access_token_events").asBoolean()).isFalse();
	}

	@ParameterizedTest
	@EnumSource
	void listAndGetShowTheHook(ResourceKind resource) {
		long id = create(resource).get("id").asLong();
		SandboxClient.Response list = sandbox.client().get(hooks(resource), PRIVILEGED_TOKEN);
		assertThat(list.status()).isEqualTo(200);
		assertThat(list.json()).extracting((hook) -> hook.get("id").asLong()).containsExactly(id);
		SandboxClient.Response one = sandbox.client().get(hooks(resource) + "/" + id, PRIVILEGED_TOKEN);
		assertThat(one.status()).isEqualTo(200);
		assertThat(one.json().get("url").asString()).isEqualTo(RECEIVER);
		assertThat(one.body()).doesNotContain("hook-secret");
	}

	@ParameterizedTest
	@EnumSource
	void anUnknownHookOrAnotherResourcesHookIs404(ResourceKind resource) {
		long id = create(resource).get("id").asLong();
		SandboxClient.Response unknown = sandbox.client().get(hooks(resource) + "/" + (id + 100), PRIVILEGED_TOKEN);
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.body()).isEqualTo("{\"message\":\"404 Not found\"}");
		SandboxClient.Response elsewhere = sandbox.client()
			.get("/api/v4/" + resource.segment + "/" + resource.otherId + "/hooks/" + id, PRIVILEGED_TOKEN);
		assertThat(elsewhere.status()).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource
	void updateChangesWhatIsGivenAndANewUrlDropsTheToken(ResourceKind resource) {
		long id = create(resource).get("id").asLong();
		SandboxClient.Response flags = sandbox.client()
			.put(hooks(resource) + "/" + id, PRIVILEGED_TOKEN, Map.of("resource_access_token_events", false));
		assertThat(flags.status()).isEqualTo(200);
		assertThat(flags.json().get("resource_access_token_events").asBoolean()).isFalse();
		assertThat(flags.json().get("url").asString()).isEqualTo(RECEIVER);
		assertThat(sandbox.gitlab().state().hooks(path(resource)).get(0).token()).isEqualTo("hook-secret");
		sandbox.client().put(hooks(resource) + "/" + id, PRIVILEGED_TOKEN, Map.of("url", "https://elsewhere.test/h"));
		assertThat(sandbox.gitlab().state().hooks(path(resource)).get(0).token()).isNull();
	}

	@ParameterizedTest
	@EnumSource
	void updateWithoutParametersIs400(ResourceKind resource) {
		long id = create(resource).get("id").asLong();
		SandboxClient.Response response = sandbox.client().put(hooks(resource) + "/" + id, PRIVILEGED_TOKEN, Map.of());
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"No parameters provided\"}");
	}

	@ParameterizedTest
	@EnumSource
	void deleteAnswers204AndTheHookIsGone(ResourceKind resource) {
		long id = create(resource).get("id").asLong();
		assertThat(sandbox.client().delete(hooks(resource) + "/" + id, PRIVILEGED_TOKEN).status()).isEqualTo(204);
		assertThat(sandbox.gitlab().state().hooks(path(resource))).isEmpty();
		assertThat(sandbox.client().delete(hooks(resource) + "/" + id, PRIVILEGED_TOKEN).status()).isEqualTo(404);
	}

	@ParameterizedTest
	@EnumSource
	void createWithoutUrlIs400(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(hooks(resource), PRIVILEGED_TOKEN, Map.of("resource_access_token_events", true));
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"error\":\"url is missing\"}");
	}

	@ParameterizedTest
	@EnumSource
	void aUrlThatIsNotHttpIs422(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client()
			.post(hooks(resource), PRIVILEGED_TOKEN, Map.of("url", "ftp://example.com"));
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.body()).isEqualTo("{\"error\":\"Invalid url given\"}");
	}

	@ParameterizedTest
	@EnumSource
	void aLocalUrlIs422WhenTheAdministratorDoesNotAllowIt(ResourceKind resource) {
		assertThat(sandbox.client()
			.post(hooks(resource), PRIVILEGED_TOKEN, Map.of("url", "http://localhost:8080/h"))
			.status()).isEqualTo(201);
		sandbox.gitlab().state().setLocalWebhookRequestsAllowed(false);
		SandboxClient.Response response = sandbox.client()
			.post(hooks(resource), PRIVILEGED_TOKEN, Map.of("url", "http://127.0.0.1:8080/h"));
		assertThat(response.status()).isEqualTo(422);
		assertThat(response.json().get("error").asString()).isEqualTo("Invalid url given");
	}

	@ParameterizedTest
	@EnumSource
	void belowMaintainerOnAProjectOrOwnerOnAGroupIs403BeforeParametersAreChecked(ResourceKind resource) {
		assertThat(sandbox.client().get(hooks(resource), resource.nonPrivilegedToken).status()).isEqualTo(403);
		SandboxClient.Response create = sandbox.client().post(hooks(resource), resource.nonPrivilegedToken, Map.of());
		assertThat(create.status()).isEqualTo(403);
		assertThat(create.body()).isEqualTo("{\"message\":\"403 Forbidden\"}");
	}

	@ParameterizedTest
	@EnumSource
	void withoutCredentialsIs401(ResourceKind resource) {
		SandboxClient.Response response = sandbox.client().send(sandbox.client().request(hooks(resource)).GET());
		assertThat(response.status()).isEqualTo(401);
	}

	private static JsonNode create(ResourceKind resource) {
		return sandbox.client()
			.post(hooks(resource), PRIVILEGED_TOKEN,
					Map.of("url", RECEIVER, "token", "hook-secret", "resource_access_token_events", true))
			.json();
	}

	private static String hooks(ResourceKind resource) {
		return "/api/v4/" + resource.segment + "/" + resource.id + "/hooks";
	}

	private static String path(ResourceKind resource) {
		SandboxState state = sandbox.gitlab().state();
		return (resource == ResourceKind.PROJECT) ? state.project(resource.id).orElseThrow().pathWithNamespace()
				: state.group(resource.id).orElseThrow().fullPath();
	}

}
