package dev.tokenportal.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tokenportal.approvals.ApprovalDecision;
import dev.tokenportal.issuance.PortalRotation;
import dev.tokenportal.limits.UserLimit;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.TimelineEntry;
import dev.tokenportal.requests.TokenRequestStatus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a request's page words the events the trail recorded for it, with the portal's own
 * bundles: each detail the listeners record has a label, each value its words (tiers,
 * statuses and levels in their one spelling, yes and no, policy version 0 as the built-in
 * defaults), and whatever the bundles do not know yet is shown as recorded under a
 * general label, never as a key. The page itself is in
 * {@link RequestHistoryWordsIntegrationTests}.
 *
 * @author Token Portal team
 */
class AuditRequestHistoryTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/tokenportal/audit");

	private static final Pattern DETAIL = Pattern.compile("\\.detail\\(\"(\\w+)\"");

	private static MessageSource messages;

	@BeforeAll
	static void theBundlesThePortalUses() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new FileSystemResource("src/main/resources/application.yaml"));
		Properties properties = yaml.getObject();
		ResourceBundleMessageSource source = new ResourceBundleMessageSource();
		source.setBasenames(properties.getProperty("spring.messages.basename").split(","));
		source.setDefaultEncoding("UTF-8");
		source.setFallbackToSystemLocale(false);
		messages = source;
	}

	@Test
	void thePolicysDecisionReadsAsWords() {
		assertThat(words("policy.decided", """
				{"policyVersion":0,"reason":"it can write","reasonCode":"policy.reason.standard.default",\
				"rule":"standard.default","status":"PENDING_APPROVAL","tier":"STANDARD"}""")).containsExactly(
				"Policy decided", "Policy version: the built-in defaults (no admin had changed them)",
				"Reason: it can write", "Status: Waiting for approval", "Tier: standard");
		assertThat(words("policy.decided", "{\"policyVersion\":3,\"tier\":\"HIGH\"}")).containsExactly("Policy decided",
				"Policy version: 3", "Tier: high");
	}

	@Test
	void aRefusedCreateReadsAsWords() {
		assertThat(words("issuance.started",
				"{\"accessLevel\":30,\"expiresOn\":\"2030-01-31\",\"gitlabName\":\"tp-1a2b3c4d\",\"scopes\":\"read_api api\"}"))
			.containsExactly("Token creation started", "Access level: Developer", "Expires on: 2030-01-31",
					"Name in GitLab: tp-1a2b3c4d", "Scopes: read_api api");
		assertThat(words("issuance.failed", """
				{"awaitingChange":false,"gitlabReason":"403 Forbidden","gitlabStatus":403,"pressAgain":true,\
				"reason":"GitLab refused","status":"APPROVED"}""")).containsExactly(
				"GitLab refused to create the token", "Waits for a change: no", "GitLab said: 403 Forbidden",
				"GitLab answered: HTTP 403", "Pressing again can work: yes", "Reason: GitLab refused",
				"Status: Approved");
	}

	@Test
	void decisionsLapsesAndDeliveriesReadAsWords() {
		assertThat(words("request.approved",
				"{\"approvals\":\"1 of 2\",\"approverAccessLevel\":50,\"status\":\"PENDING_APPROVAL\"}"))
			.containsExactly("Approved", "Approvals: 1 of 2 required", "The approver’s access level: Owner",
					"Status: Waiting for approval");
		assertThat(words("request.lapsed",
				"{\"previousStatus\":\"APPROVED\",\"reason\":\"waited\",\"refusedAction\":\"create by alice\"}"))
			.containsExactly("Lapsed", "Status before: Approved", "Reason: waited",
					"Refused: creating the token, by alice");
		assertThat(words("delivery.written", """
				{"destination":"project platform/backend/api variable DEPLOY_TOKEN scope *","hidden":true,\
				"masked":true,"method":"CREATE","protected":false}""")).containsExactly(
				"Token written into its CI/CD variable",
				"Delivered into: platform/backend/api, variable DEPLOY_TOKEN, environments *", "Hidden: yes",
				"Masked: yes", "How: variable created", "Protected branches and tags only: no");
		assertThat(words("request.submitted",
				"{\"destination\":\"group:7 platform\",\"renewalOf\":\"6f1c2a3b-4d5e-4f60-8a9b-0c1d2e3f4a5b\"}"))
			.containsExactly("Request submitted", "Delivered into: platform", "Renews request: tp-6f1c2a3b");
		assertThat(words("limit.exceeded",
				"{\"capacity\":10,\"limit\":\"TOKEN_CREATION\",\"period\":\"PT1H\",\"retryAfterSeconds\":42}"))
			.containsExactly("Limit reached", "Allowed: 10", "Limit: tokens created", "Per: hour",
					"Try again after: 42 seconds");
	}

	@Test
	void aMomentIsLeftToThePagesTimeFormat() {
		TimelineEntry entry = AuditRequestHistory
			.entry(event("delivery.rotation-failed", "{\"nextAttemptAt\":\"2030-01-01T10:00:00Z\"}"));
		assertThat(entry.details()).singleElement()
			.satisfies((detail) -> assertThat(detail.at()).isEqualTo(Instant.parse("2030-01-01T10:00:00Z")));
	}

	@Test
	void whatTheBundlesDoNotKnowIsShownAsRecordedUnderAGeneralLabel() {
		assertThat(words("some.new-action", "{\"failure\":\"SOMETHING_NEW\",\"brandNewKey\":\"value\"}"))
			.containsExactly("Recorded", "What failed: SOMETHING_NEW", "Also recorded: value");
	}

	@Test
	void everyDetailTheTrailRecordsHasALabel() throws IOException {
		Set<String> keys = new TreeSet<>();
		for (String source : List.of("EventAuditListener.java", "GitLabWebhookAudit.java")) {
			Matcher detail = DETAIL.matcher(Files.readString(SOURCES.resolve(source)));
			while (detail.find()) {
				keys.add(detail.group(1));
			}
		}
		keys.remove("reasonCode");
		keys.remove("rule");
		assertThat(keys).as("details the trail records").contains("pressAgain", "gitlabName", "policyVersion");
		List<String> unlabelled = keys.stream().filter((key) -> !has("requests.timeline.detail." + key)).toList();
		assertThat(unlabelled).as("details without a label").isEmpty();
	}

	@Test
	void everyValueTheTrailRecordsByNameHasWords() {
		List<String> codes = new ArrayList<>();
		Arrays.stream(AuditAction.values()).forEach((action) -> codes.add("audit.action." + action.key()));
		Arrays.stream(AuditOutcome.values()).forEach((outcome) -> codes.add("audit.outcome." + outcome.name()));
		Arrays.stream(AuditOutcome.values())
			.forEach((outcome) -> codes.add("requests.timeline.outcome." + outcome.name()));
		Arrays.stream(Tier.values()).forEach((tier) -> codes.add("tier." + tier.name()));
		Arrays.stream(TokenRequestStatus.values()).forEach((status) -> codes.add("requests.status." + status.name()));
		Arrays.stream(ApprovalDecision.values())
			.forEach((decision) -> codes.add("requests.timeline.value.decision." + decision.name()));
		Arrays.stream(PortalRotation.Failure.values())
			.forEach((failure) -> codes.add("requests.timeline.value.failure." + failure.name()));
		Arrays.stream(UserLimit.values())
			.forEach((limit) -> codes.add("requests.timeline.value.limit." + limit.name()));
		assertThat(codes.stream().filter((code) -> !has(code)).toList()).as("values without words").isEmpty();
	}

	private static List<String> words(String action, String details) {
		TimelineEntry entry = AuditRequestHistory.entry(event(action, details));
		List<String> words = new ArrayList<>();
		words.add(text(entry.what()));
		entry.details().forEach((detail) -> words.add(text(detail.label()) + ": " + text(detail.value())));
		return words;
	}

	private static String text(MessageSourceResolvable resolvable) {
		return messages.getMessage(resolvable, Locale.ENGLISH);
	}

	private static boolean has(String code) {
		return messages.getMessage(code, null, null, Locale.ENGLISH) != null;
	}

	private static AuditEvent event(String action, String details) {
		return new AuditEvent(1L, UUID.randomUUID(), Instant.parse("2030-01-01T09:00:00Z"), 3L, "alice", null, null,
				null, action, "SUCCESS", "project", 11L, "platform/backend/api", UUID.randomUUID(), null, null, details,
				null, null, "hmac-sha256", 1);
	}

}
