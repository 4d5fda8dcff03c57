package dev.tokenportal.requests;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.policy.PolicyReason;
import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reason kept as a code with text arguments reads back as it was given, codes within
 * codes included, and renders from the bundles.
 *
 * @author Token Portal team
 */
class StatusReasonTests {

	private final StaticMessageSource messages = new StaticMessageSource();

	StatusReasonTests() {
		this.messages.addMessage("issuance.refusal.policyDenied", Locale.ENGLISH, "Not allowed: {0}");
		this.messages.addMessage("policy.reason.high.access-level", Locale.ENGLISH, "{0} access needs two Owners");
		this.messages.addMessage("accessLevel.50", Locale.ENGLISH, "Owner");
		this.messages.addMessage("accessLevel.50", Locale.GERMAN, "Eigentümer");
		this.messages.addMessage("issuance.refusal.policyDenied", Locale.GERMAN, "Nicht erlaubt: {0}");
		this.messages.addMessage("policy.reason.high.access-level", Locale.GERMAN, "{0}: zwei Owner");
		this.messages.addMessage("requests.reason.rejected", Locale.ENGLISH, "Rejected: {0}");
	}

	@Test
	void aPolicyReasonInsideARefusalIsStoredAsTextAndResolvedInTheReadersLocale() {
		PolicyReason policy = new PolicyReason("policy.reason.high.access-level", List.of(AccessLevel.named(50)));
		StatusReason stored = StatusReason.of("issuance.refusal.policyDenied", policy);
		StatusReason read = new StatusReason(stored.code(), stored.args(), null);
		assertThat(read.args()).singleElement().asString().startsWith(StatusReason.NESTED_MARK);
		assertThat(this.messages.getMessage(read, Locale.ENGLISH))
			.isEqualTo("Not allowed: Owner access needs two Owners");
		assertThat(this.messages.getMessage(read, Locale.GERMAN)).isEqualTo("Nicht erlaubt: Eigentümer: zwei Owner");
	}

	@Test
	void plainTextArgumentsStayAsTheyWereEvenWhenTheyLookLikeCodes() {
		StatusReason reason = StatusReason.of(StatusReason.REJECTED, StatusReason.NESTED_MARK + "{\"codes\":[]}");
		assertThat(reason.getArguments()).containsExactly(StatusReason.NESTED_MARK + "{\"codes\":[]}");
		assertThat(StatusReason.of(StatusReason.REJECTED, "accessLevel.50", 7).getArguments())
			.containsExactly("accessLevel.50", "7");
	}

	@Test
	void aReasonFromAnOldRowIsItsSentence() {
		assertThat(this.messages.getMessage(StatusReason.legacy("an Owner must approve"), Locale.ENGLISH))
			.isEqualTo("an Owner must approve");
	}

}
