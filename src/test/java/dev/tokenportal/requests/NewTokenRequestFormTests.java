package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.PolicyDecision;
import dev.tokenportal.policy.PolicyReason;
import dev.tokenportal.policy.Tier;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the request form reads what was posted, and which field a policy refusal belongs
 * to.
 *
 * @author Token Portal team
 */
class NewTokenRequestFormTests {

	@Test
	void blankFieldsCountAsMissingAndTextIsTrimmed() {
		NewTokenRequestForm form = new NewTokenRequestForm("  ", "  deploy ", " ", null, " ", "", "\n why \n");
		assertThat(form.target()).isNull();
		assertThat(form.tokenName()).isEqualTo("deploy");
		assertThat(form.description()).isNull();
		assertThat(form.scopes()).isEmpty();
		assertThat(form.accessLevel()).isNull();
		assertThat(form.expiresOn()).isNull();
		assertThat(form.justification()).isEqualTo("why");
	}

	@Test
	void repeatedScopesCountOnce() {
		NewTokenRequestForm form = form("project:11", List.of("read_api", " read_api", "api"), "20", "2030-01-31");
		assertThat(form.scopes()).containsExactly("read_api", "api");
	}

	@Test
	void targetIsAProjectOrGroupByPositiveId() {
		assertThat(form("project:11").hasTarget()).isTrue();
		assertThat(form("project:11").targetType()).isEqualTo(GitLabResource.PROJECT);
		assertThat(form("group:101").targetType()).isEqualTo(GitLabResource.GROUP);
		assertThat(form("group:101").targetId()).isEqualTo(101);
		for (String tampered : new String[] { "user:3", "project:0", "project:-1", "project:1e3", "project:0x10",
				"project:11,group:101", "PROJECT:11", "project:99999999999999999999" }) {
			assertThat(form(tampered).hasTarget()).as(tampered).isFalse();
		}
	}

	@Test
	void levelAndExpiryAreReadOnlyWhenTheyParse() {
		assertThat(form("project:11", List.of(), "40", "2030-01-31").level()).isEqualTo(40);
		assertThat(form("project:11", List.of(), "4O", "2030-01-31").level()).isNull();
		assertThat(form("project:11", List.of(), "40", "2030-01-31").expiryDate()).isEqualTo(LocalDate.of(2030, 1, 31));
		assertThat(form("project:11", List.of(), "40", "2030-02-30").expiryDate()).isNull();
		assertThat(form("project:11", List.of(), "40", "31/01/2030").expiryDate()).isNull();
		assertThat(form("project:11", List.of(), "40", "+12030-01-31").expiryDate()).isNull();
	}

	@Test
	void policyRefusalsLandNextToTheFieldTheyAreAbout() {
		assertThat(NewTokenRequestForms.fieldOf("denied.no-scopes")).isEqualTo("scopes");
		assertThat(NewTokenRequestForms.fieldOf("denied.unknown-scope")).isEqualTo("scopes");
		assertThat(NewTokenRequestForms.fieldOf("denied.forbidden-scope")).isEqualTo("scopes");
		assertThat(NewTokenRequestForms.fieldOf("denied.unknown-level")).isEqualTo("accessLevel");
		assertThat(NewTokenRequestForms.fieldOf("denied.forbidden-level")).isEqualTo("accessLevel");
		assertThat(NewTokenRequestForms.fieldOf("denied.expiry-past")).isEqualTo("expiresOn");
		assertThat(NewTokenRequestForms.fieldOf("denied.lifetime")).isEqualTo("expiresOn");
	}

	@Test
	void askingAgainFillsInWhatWasAskedWithTheSameLifetimeFromToday() {
		TokenRequest delivered = TokenRequest.submit(
				new TokenRequest.Draft(3, "alice", 30, new GitLabTarget(GitLabResource.GROUP, 101, "platform/backend"),
						"deployer", "Deploys", List.of("api"), 40, LocalDate.parse("2026-11-12"), "Deploys from CI",
						null,
						new VariableDestination(new GitLabTarget(GitLabResource.PROJECT, 11, "platform/backend/api"),
								"DEPLOY_TOKEN", "production", false, true),
						true, null),
				new PolicyDecision(Tier.HIGH, "rule", new PolicyReason("policy.reason.rule", List.of())), 1,
				Instant.parse("2026-11-02T09:00:00Z"));

		NewTokenRequestForm form = NewTokenRequestForm.askedAgain(delivered, LocalDate.parse("2027-03-01"));

		assertThat(form).isEqualTo(new NewTokenRequestForm("group:101", "deployer", "Deploys", List.of("api"), "40",
				"2027-03-11", "Deploys from CI", null, "variable", "platform/backend/api", "DEPLOY_TOKEN", "production",
				null, "true", "true"));
	}

	@Test
	void askingAgainForAnHourTokenAsksForTheSameHoursAndShowsItOnce() {
		TokenRequest hours = TokenRequest.submit(new TokenRequest.Draft(3, "alice", 30,
				new GitLabTarget(GitLabResource.PROJECT, 11, "platform/backend/api"), "hotfix", null,
				List.of("read_repository"), 20, LocalDate.parse("2026-11-03"), "A hotfix", null, null, false, 8),
				new PolicyDecision(Tier.LOW, "rule", new PolicyReason("policy.reason.rule", List.of())), 1,
				Instant.parse("2026-11-02T09:00:00Z"));

		NewTokenRequestForm form = NewTokenRequestForm.askedAgain(hours, LocalDate.parse("2027-03-01"));

		assertThat(form.lifetimeHours()).isEqualTo("8");
		assertThat(form.deliversToVariable()).isFalse();
		assertThat(form.expiresOn()).isEqualTo("2027-03-02");
	}

	private static NewTokenRequestForm form(String target) {
		return form(target, List.of("read_api"), "20", "2030-01-31");
	}

	private static NewTokenRequestForm form(String target, List<String> scopes, String level, String expiresOn) {
		return new NewTokenRequestForm(target, "deploy", null, scopes, level, expiresOn, "why");
	}

}
