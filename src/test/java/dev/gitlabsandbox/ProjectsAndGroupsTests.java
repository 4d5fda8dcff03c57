package dev.gitlabsandbox;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projects, groups, pagination and effective memberships (gitlab-api.md §6, §8.1).
 *
 * @author Token Portal team
 */
class ProjectsAndGroupsTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void projectListSpansPagesWithGitLabHeaders() {
		SandboxClient.Response first = sandbox.client()
			.get("/api/v4/projects?membership=true", SandboxSeed.ALICE_TOKEN);
		assertThat(first.json()).hasSize(20);
		assertThat(first.header("X-Total")).isEqualTo("30");
		assertThat(first.header("X-Total-Pages")).isEqualTo("2");
		assertThat(first.header("X-Page")).isEqualTo("1");
		assertThat(first.header("X-Per-Page")).isEqualTo("20");
		assertThat(first.header("X-Next-Page")).isEqualTo("2");
		assertThat(first.header("X-Prev-Page")).isEmpty();
		String projects = sandbox.gitlab().baseUrl() + "/api/v4/projects";
		assertThat(first.header("Link"))
			.isEqualTo("<" + projects + "?membership=true&page=2&per_page=20>; rel=\"next\", <" + projects
					+ "?membership=true&page=1&per_page=20>; rel=\"first\", <" + projects
					+ "?membership=true&page=2&per_page=20>; rel=\"last\"");
		SandboxClient.Response second = sandbox.client()
			.get("/api/v4/projects?membership=true&page=2", SandboxSeed.ALICE_TOKEN);
		assertThat(second.json()).hasSize(10);
		assertThat(second.header("X-Next-Page")).isEmpty();
		assertThat(second.header("X-Prev-Page")).isEqualTo("1");
		assertThat(second.header("Link")).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");
	}

	@Test
	void perPageIsCappedAtOneHundred() {
		SandboxClient.Response response = sandbox.client()
			.get("/api/v4/projects?per_page=500", SandboxSeed.SERVICE_TOKEN);
		assertThat(response.header("X-Per-Page")).isEqualTo("100");
		assertThat(response.json()).hasSize(sandbox.gitlab().state().projects().size());
	}

	@Test
	void projectListFiltersByEffectiveAccessLevel() {
		JsonNode maintained = sandbox.client()
			.get("/api/v4/projects?min_access_level=40", SandboxSeed.ALICE_TOKEN)
			.json();
		assertThat(maintained).extracting((project) -> project.get("path_with_namespace").asString())
			.containsExactlyInAnyOrder(SandboxSeed.WEB, SandboxSeed.SCRATCH);
		JsonNode owned = sandbox.client()
			.get("/api/v4/projects?min_access_level=50&per_page=100", SandboxSeed.CAROL_TOKEN)
			.json();
		assertThat(owned).hasSize(27);
	}

	@Test
	void aGroupWithManyProjectsMakesItsOwnerAnOwnerOfEachAndIsGoneAfterAReset() {
		SandboxGroup fleet = sandbox.gitlab().state().addGroupWithProjects("fleet", 250);
		sandbox.gitlab().state().addMember("fleet", SandboxSeed.ERIN, AccessLevels.OWNER);

		SandboxClient.Response owned = sandbox.client()
			.get("/api/v4/projects?min_access_level=50&per_page=100", SandboxSeed.ERIN_TOKEN);
		assertThat(owned.header("X-Total")).isEqualTo("250");
		assertThat(owned.header("X-Total-Pages")).isEqualTo("3");
		SandboxProject last = sandbox.gitlab().state().projectByPath("fleet/project-250").orElseThrow();
		assertThat(last.namespaceId()).isEqualTo(fleet.id());
		JsonNode member = sandbox.client()
			.get("/api/v4/projects/" + last.id() + "/members/all/" + SandboxSeed.ERIN_ID, SandboxSeed.SERVICE_TOKEN)
			.json();
		assertThat(member.get("access_level").asInt()).isEqualTo(AccessLevels.OWNER);
		sandbox.gitlab().reset();
		assertThat(sandbox.gitlab().state().groupByPath("fleet")).isEmpty();
	}

	@Test
	void projectListSearchesAndSimplifies() {
		JsonNode found = sandbox.client().get("/api/v4/projects?search=BILL&simple=true", SandboxSeed.BOB_TOKEN).json();
		assertThat(found).hasSize(1);
		assertThat(found.get(0).get("name_with_namespace").asString()).isEqualTo("Platform / Backend / Billing");
		assertThat(found.get(0).has("visibility")).isFalse();
		assertThat(found.get(0).has("permissions")).isFalse();
		assertThat(found.get(0).get("namespace").get("full_path").asString()).isEqualTo("platform/backend");
	}

	@Test
	void adminsSeeEveryProjectUnlessTheyAskForMemberships() {
		assertThat(sandbox.client().get("/api/v4/projects?per_page=100", SandboxSeed.SERVICE_TOKEN).json())
			.hasSize(sandbox.gitlab().state().projects().size());
		assertThat(sandbox.client().get("/api/v4/projects?membership=true", SandboxSeed.SERVICE_TOKEN).body())
			.isEqualTo("[]");
	}

	@Test
	void outsidersCannotSeePrivateProjects() {
		assertThat(sandbox.client().get("/api/v4/projects/" + SandboxSeed.API_ID, SandboxSeed.MALLORY_TOKEN).body())
			.isEqualTo("{\"message\":\"404 Project Not Found\"}");
		assertThat(sandbox.client().get("/api/v4/projects?per_page=100", SandboxSeed.MALLORY_TOKEN).json())
			.extracting((project) -> project.get("path_with_namespace").asString())
			.containsExactly(SandboxSeed.MONOLITH);
	}

	@Test
	void projectPermissionsShowDirectAndGroupAccess() {
		JsonNode web = sandbox.client().get("/api/v4/projects/" + SandboxSeed.WEB_ID, SandboxSeed.ALICE_TOKEN).json();
		assertThat(web.get("permissions").get("project_access").get("access_level").asInt()).isEqualTo(40);
		assertThat(web.get("permissions").get("group_access").isNull()).isTrue();
		JsonNode api = sandbox.client().get("/api/v4/projects/" + SandboxSeed.API_ID, SandboxSeed.BOB_TOKEN).json();
		assertThat(api.get("permissions").get("project_access").isNull()).isTrue();
		assertThat(api.get("permissions").get("group_access").get("access_level").asInt()).isEqualTo(50);
		assertThat(api.get("namespace").get("kind").asString()).isEqualTo("group");
		assertThat(api.get("web_url").asString()).isEqualTo(sandbox.gitlab().baseUrl() + "/platform/backend/api");
	}

	@Test
	void projectListShowsOnlyTheDirectParentGroupAccess() {
		JsonNode api = sandbox.client().get("/api/v4/projects?search=api", SandboxSeed.BOB_TOKEN).json().get(0);
		assertThat(api.get("permissions").get("group_access").isNull()).isTrue();
	}

	@Test
	void personalProjectLivesInAUserNamespace() {
		JsonNode scratch = sandbox.client().get("/api/v4/projects/alice%2Fscratch", SandboxSeed.ALICE_TOKEN).json();
		assertThat(scratch.get("namespace").get("kind").asString()).isEqualTo("user");
		assertThat(scratch.get("namespace").get("id").asLong()).isEqualTo(SandboxSeed.ALICE_NAMESPACE_ID);
		assertThat(sandbox.client().get("/api/v4/projects?owned=true", SandboxSeed.ALICE_TOKEN).json())
			.extracting((project) -> project.get("id").asLong())
			.containsExactly(SandboxSeed.SCRATCH_ID);
	}

	@Test
	void groupListHoldsMembershipsAndTheirDescendants() {
		assertThat(groupPaths("/api/v4/groups", SandboxSeed.BOB_TOKEN)).containsExactly("platform/backend",
				"platform/frontend", "platform");
		assertThat(groupPaths("/api/v4/groups", SandboxSeed.ALICE_TOKEN)).containsExactly("platform/backend", "legacy");
		assertThat(groupPaths("/api/v4/groups?min_access_level=50", SandboxSeed.CAROL_TOKEN))
			.containsExactly("platform/backend");
		assertThat(groupPaths("/api/v4/groups?owned=true", SandboxSeed.BOB_TOKEN)).containsExactly("platform");
		assertThat(groupPaths("/api/v4/groups?top_level_only=true", SandboxSeed.BOB_TOKEN)).containsExactly("platform");
		assertThat(groupPaths("/api/v4/groups?search=front", SandboxSeed.BOB_TOKEN))
			.containsExactly("platform/frontend");
		assertThat(groupPaths("/api/v4/groups?per_page=100", SandboxSeed.SERVICE_TOKEN)).hasSize(6);
	}

	@Test
	void groupIsVisibleThroughAProjectInsideIt() {
		assertThat(sandbox.client().get("/api/v4/groups/platform%2Ffrontend", SandboxSeed.ALICE_TOKEN).status())
			.isEqualTo(200);
		assertThat(sandbox.client().get("/api/v4/groups/platform", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(200);
		assertThat(sandbox.client().get("/api/v4/groups/security", SandboxSeed.ALICE_TOKEN).body())
			.isEqualTo("{\"message\":\"404 Group Not Found\"}");
	}

	@Test
	void effectiveMembershipIncludesInheritedAccess() {
		JsonNode bob = member("/api/v4/projects/" + SandboxSeed.API_ID, SandboxSeed.BOB_ID).json();
		assertThat(bob.get("access_level").asInt()).isEqualTo(50);
		assertThat(bob.get("username").asString()).isEqualTo("bob");
		assertThat(bob.get("created_by").get("username").asString()).isEqualTo("root");
		assertThat(member("/api/v4/projects/" + SandboxSeed.API_ID, SandboxSeed.CAROL_ID).json()
			.get("access_level")
			.asInt()).isEqualTo(50);
		assertThat(member("/api/v4/projects/" + SandboxSeed.WEB_ID, SandboxSeed.ALICE_ID).json()
			.get("access_level")
			.asInt()).isEqualTo(40);
		assertThat(member("/api/v4/groups/security%2Fauditors", SandboxSeed.DAVE_ID).json().get("access_level").asInt())
			.isEqualTo(30);
	}

	@Test
	void effectiveMembershipTakesTheHighestLevel() {
		sandbox.gitlab().state().addMember(SandboxSeed.API, SandboxSeed.BOB, AccessLevels.DEVELOPER);
		assertThat(
				member("/api/v4/projects/" + SandboxSeed.API_ID, SandboxSeed.BOB_ID).json().get("access_level").asInt())
			.isEqualTo(50);
	}

	@Test
	void nonMemberIsRecordNotFound() {
		SandboxClient.Response outsider = member("/api/v4/projects/" + SandboxSeed.API_ID, SandboxSeed.MALLORY_ID);
		SandboxClient.Response ancestor = member("/api/v4/groups/" + SandboxSeed.PLATFORM_ID, SandboxSeed.ALICE_ID);
		assertThat(outsider.status()).isEqualTo(404);
		assertThat(outsider.body()).isEqualTo("{\"message\":\"404 Not found\"}");
		assertThat(ancestor.body()).isEqualTo("{\"message\":\"404 Not found\"}");
	}

	@Test
	void membershipChangesByTestsAreVisibleAtOnce() {
		sandbox.gitlab().state().addMember(SandboxSeed.SECURITY, SandboxSeed.MALLORY, AccessLevels.REPORTER);
		assertThat(
				member("/api/v4/groups/security%2Fauditors", SandboxSeed.MALLORY_ID).json().get("access_level").asInt())
			.isEqualTo(20);
		sandbox.gitlab().state().setAccessLevel(SandboxSeed.SECURITY, SandboxSeed.MALLORY, AccessLevels.OWNER);
		assertThat(sandbox.gitlab()
			.state()
			.effectiveAccess(SandboxSeed.MALLORY_ID, SourceRef.group(SandboxSeed.SECURITY_AUDITORS_ID))).isEqualTo(50);
		sandbox.gitlab().state().removeMember(SandboxSeed.SECURITY, SandboxSeed.MALLORY);
		assertThat(member("/api/v4/groups/security%2Fauditors", SandboxSeed.MALLORY_ID).status()).isEqualTo(404);
	}

	@Test
	void memberListHoldsEveryoneWithTheirHighestEffectiveLevelOnce() {
		sandbox.gitlab().state().addMember(SandboxSeed.API, SandboxSeed.BOB, AccessLevels.DEVELOPER);
		SandboxClient.Response api = sandbox.client()
			.get("/api/v4/projects/" + SandboxSeed.API_ID + "/members/all", SandboxSeed.SERVICE_TOKEN);
		assertThat(api.status()).isEqualTo(200);
		assertThat(api.json()).extracting((m) -> m.get("username").asString() + ":" + m.get("access_level").asInt())
			.containsExactly("alice:30", "bob:50", "carol:50");
		assertThat(api.json().get(0).get("state").asString()).isEqualTo("active");
		assertThat(api.header("X-Total")).isEqualTo("3");
		assertThat(sandbox.client()
			.get("/api/v4/groups/" + SandboxSeed.LEGACY_ID + "/members/all", SandboxSeed.SERVICE_TOKEN)
			.json()).extracting((m) -> m.get("username").asString() + ":" + m.get("access_level").asInt())
			.containsExactly("alice:30", "mallory:10");
	}

	@Test
	void memberListIncludesTokenBotsAndPages() {
		JsonNode billing = sandbox.client()
			.get("/api/v4/projects/" + SandboxSeed.BILLING_ID + "/members/all", SandboxSeed.SERVICE_TOKEN)
			.json();
		assertThat(billing).extracting((m) -> m.get("username").asString())
			.hasSize(4)
			.anyMatch((username) -> username.matches("project_" + SandboxSeed.BILLING_ID + "_bot_[0-9a-f]+"));
		SandboxClient.Response first = sandbox.client()
			.get("/api/v4/projects/" + SandboxSeed.BILLING_ID + "/members/all?per_page=3", SandboxSeed.SERVICE_TOKEN);
		assertThat(first.json()).hasSize(3);
		assertThat(first.header("X-Next-Page")).isEqualTo("2");
		assertThat(sandbox.client()
			.get("/api/v4/projects/" + SandboxSeed.BILLING_ID + "/members/all?per_page=3&page=2",
					SandboxSeed.SERVICE_TOKEN)
			.json()).hasSize(1);
		assertThat(sandbox.client()
			.get("/api/v4/projects/" + SandboxSeed.API_ID + "/members/all?query=CAR", SandboxSeed.SERVICE_TOKEN)
			.json()).extracting((m) -> m.get("username").asString()).containsExactly("carol");
	}

	@Test
	void memberListOfAnInvisibleProjectIsNotFound() {
		SandboxClient.Response hidden = sandbox.client()
			.get("/api/v4/projects/" + SandboxSeed.API_ID + "/members/all", SandboxSeed.MALLORY_TOKEN);
		assertThat(hidden.status()).isEqualTo(404);
		assertThat(hidden.body()).isEqualTo("{\"message\":\"404 Project Not Found\"}");
	}

	private static SandboxClient.Response member(String source, long userId) {
		return sandbox.client().get(source + "/members/all/" + userId, SandboxSeed.SERVICE_TOKEN);
	}

	private static List<String> groupPaths(String path, String token) {
		List<String> paths = new ArrayList<>();
		sandbox.client().get(path, token).json().forEach((group) -> paths.add(group.get("full_path").asString()));
		return paths;
	}

}
