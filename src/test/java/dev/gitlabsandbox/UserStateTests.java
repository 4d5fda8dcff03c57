package dev.gitlabsandbox;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users an administrator blocks or deletes, and memberships that change while a portal
 * flow is under way, as GitLab reports them (gitlab-api.md §6.1, §6.3).
 *
 * @author Token Portal team
 */
class UserStateTests {

	private static final String ALICE_ON_API = "/api/v4/projects/" + SandboxSeed.API_ID + "/members/all/"
			+ SandboxSeed.ALICE_ID;

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void aBlockedUserIsShownBlockedAndKeepsTheirMemberships() {
		sandbox.gitlab().state().blockUser(SandboxSeed.ALICE);

		SandboxClient.Response user = sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.ALICE_ID, SandboxSeed.SERVICE_TOKEN);
		assertThat(user.status()).isEqualTo(200);
		assertThat(user.json().get("state").asString()).isEqualTo("blocked");
		SandboxClient.Response member = sandbox.client().get(ALICE_ON_API, SandboxSeed.SERVICE_TOKEN);
		assertThat(member.status()).isEqualTo(200);
		assertThat(member.json().get("state").asString()).isEqualTo("blocked");
		assertThat(member.json().get("access_level").asInt()).isEqualTo(AccessLevels.DEVELOPER);
	}

	@Test
	void aBlockedUsersOwnTokensAreRefusedAsGitLabsApiGuardDoes() {
		sandbox.gitlab().state().blockUser(SandboxSeed.ALICE);

		SandboxClient.Response refused = sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN);
		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.json().get("message").asString())
			.isEqualTo("403 Forbidden - Your account has been blocked.");

		sandbox.gitlab().state().unblockUser(SandboxSeed.ALICE);
		SandboxClient.Response again = sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN);
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.json().get("state").asString()).isEqualTo("active");
	}

	@Test
	void aDeletedUserIsNotFoundAndTheirTokensNoLongerAuthenticate() {
		sandbox.gitlab().state().deleteUser(SandboxSeed.ALICE);

		SandboxClient.Response user = sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.ALICE_ID, SandboxSeed.SERVICE_TOKEN);
		assertThat(user.status()).isEqualTo(404);
		assertThat(user.json().get("message").asString()).isEqualTo("404 User Not Found");
		SandboxClient.Response member = sandbox.client().get(ALICE_ON_API, SandboxSeed.SERVICE_TOKEN);
		assertThat(member.status()).isEqualTo(404);
		assertThat(member.json().get("message").asString()).isEqualTo("404 Not found");
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).status()).isEqualTo(401);
	}

	@Test
	void resetBringsABlockedOrDeletedUserBack() {
		sandbox.gitlab().state().blockUser(SandboxSeed.ALICE);
		sandbox.gitlab().state().deleteUser(SandboxSeed.CAROL);

		sandbox.gitlab().reset();

		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.ALICE_TOKEN).json().get("state").asString())
			.isEqualTo("active");
		assertThat(sandbox.client().get("/api/v4/user", SandboxSeed.CAROL_TOKEN).status()).isEqualTo(200);
	}

	@Test
	void membershipChangesShowAtOnceInTheEffectiveMembership() {
		String backend = "/api/v4/groups/" + SandboxSeed.PLATFORM_BACKEND_ID + "/members/all/" + SandboxSeed.ALICE_ID;
		sandbox.gitlab().state().setAccessLevel(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE, AccessLevels.REPORTER);
		assertThat(sandbox.client().get(ALICE_ON_API, SandboxSeed.SERVICE_TOKEN).json().get("access_level").asInt())
			.isEqualTo(AccessLevels.REPORTER);

		sandbox.gitlab().state().removeMember(SandboxSeed.PLATFORM_BACKEND, SandboxSeed.ALICE);
		assertThat(sandbox.client().get(ALICE_ON_API, SandboxSeed.SERVICE_TOKEN).status()).isEqualTo(404);
		assertThat(sandbox.client().get(backend, SandboxSeed.SERVICE_TOKEN).status()).isEqualTo(404);
	}

	@Test
	void groupMembershipIsFoundByTheGroupsFullPath() {
		SandboxClient.Response member = sandbox.client()
			.get("/api/v4/groups/security%2Fauditors/members/all/" + SandboxSeed.DAVE_ID, SandboxSeed.SERVICE_TOKEN);
		assertThat(member.status()).isEqualTo(200);
		assertThat(member.json().get("username").asString()).isEqualTo(SandboxSeed.DAVE);
		assertThat(sandbox.client()
			.get("/api/v4/groups/security%2Fauditors/members/all/" + SandboxSeed.ALICE_ID, SandboxSeed.SERVICE_TOKEN)
			.status()).isEqualTo(404);
	}

}
