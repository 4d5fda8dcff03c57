package dev.gitlabsandbox;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who sees a user's e-mail address through {@code GET /users/:id} (gitlab-api.md §14.1):
 * everyone the public one the user chose, only an administrator in admin mode the primary
 * one.
 *
 * @author Token Portal team
 */
class UserEmailTests {

	@RegisterExtension
	static final RunningSandbox sandbox = new RunningSandbox();

	@Test
	void aNonAdminSeesOnlyThePublicEmailTheUserChose() {
		SandboxClient.Response alice = sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.ALICE_ID, SandboxSeed.CAROL_TOKEN);
		assertThat(alice.status()).isEqualTo(200);
		assertThat(alice.json().get("public_email").asString()).isEqualTo("alice@example.test");
		assertThat(alice.json().has("email")).isFalse();
		assertThat(alice.json().has("commit_email")).isFalse();

		SandboxClient.Response bob = sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.BOB_ID, SandboxSeed.CAROL_TOKEN);
		assertThat(bob.json().get("public_email").asString()).as("bob chose none").isEmpty();
		assertThat(bob.json().has("email")).isFalse();
	}

	@Test
	void anAdministratorInAdminModeAlsoSeesThePrimaryEmail() {
		SandboxClient.Response bob = sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.BOB_ID, SandboxSeed.SERVICE_TOKEN);
		assertThat(bob.status()).isEqualTo(200);
		assertThat(bob.json().get("email").asString()).isEqualTo("bob@example.test");
		assertThat(bob.json().get("commit_email").asString()).isEqualTo("bob@example.test");
		assertThat(bob.json().get("public_email").asString()).isEmpty();
	}

	@Test
	void anAdministratorWithoutAdminModeIsLikeAnyoneElse() {
		String token = sandbox.gitlab().state().createPersonalAccessToken(SandboxSeed.ROOT, List.of("api"), null);
		SandboxClient.Response bob = sandbox.client().get("/api/v4/users/" + SandboxSeed.BOB_ID, token);
		assertThat(bob.status()).isEqualTo(200);
		assertThat(bob.json().has("email")).isFalse();
	}

	@Test
	void aUserWhoStopsShowingTheirEmailHasNoneForOthers() {
		sandbox.gitlab().state().setPublicEmail(SandboxSeed.ALICE, null);

		SandboxClient.Response alice = sandbox.client()
			.get("/api/v4/users/" + SandboxSeed.ALICE_ID, SandboxSeed.CAROL_TOKEN);
		assertThat(alice.json().get("public_email").asString()).isEmpty();
	}

}
