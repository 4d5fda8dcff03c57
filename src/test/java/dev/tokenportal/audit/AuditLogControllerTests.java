package dev.tokenportal.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import dev.tokenportal.PortalWebMvcTest;
import dev.tokenportal.security.SignedIn;
import dev.tokenportal.web.ErrorPages;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MockMvcTester.MockMvcRequestBuilder;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.never;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

/**
 * The audit pages in the web slice: only auditors reach them, and a filter or a check
 * that cannot be used is a 400 naming it, or a 404 for an event that cannot exist, before
 * {@link AuditLogService} is asked anything. Searching, exporting and verifying the real
 * trail is in {@link AuditLogIntegrationTests}.
 *
 * @author Token Portal team
 */
@PortalWebMvcTest
class AuditLogControllerTests {

	private static final String HASH = "ab".repeat(32);

	@Autowired
	MockMvcTester mvc;

	@Autowired
	AuditLogService audit;

	@BeforeEach
	void theTrailHasAHead() {
		given(this.audit.head())
			.willReturn(new AuditLogService.ChainHead(42, HASH, Instant.parse("2030-01-01T10:00:00Z"), 0));
		given(this.audit.sealedHead())
			.willReturn(new AuditLogService.ChainHead(42, HASH, Instant.parse("2030-01-01T10:00:00Z"), 0));
		given(this.audit.search(any(), any())).willReturn(new AuditLogService.AuditPage(List.of(), null));
		given(this.audit.verify(anyBoolean(), any())).willReturn(intact());
		given(this.audit.verifyHead(anyLong(), anyString(), any())).willReturn(intact());
	}

	static Stream<Arguments> badInput() {
		String longText = "a".repeat(600);
		return Stream.of(arguments("/audit?actor=%00", List.of("actor", "NUL")),
				arguments("/audit?target=x%00y", List.of("target", "NUL")),
				arguments("/audit?action=no.such-action", List.of("action")),
				arguments("/audit?action=%3Cscript%3E", List.of("action")),
				arguments("/audit?outcome=MAYBE", List.of("outcome")),
				arguments("/audit?request=not-a-uuid", List.of("request id")),
				arguments("/audit?token=abc", List.of("token id")),
				arguments("/audit?token=99999999999999999999", List.of("token id")),
				arguments("/audit?from=2026-13-45", List.of("from", "yyyy-mm-dd")),
				arguments("/audit?to=yesterday", List.of("to", "yyyy-mm-dd")),
				arguments("/audit?before=x", List.of("event number")),
				arguments("/audit?actor=" + longText, List.of("actor", "255")),
				arguments("/audit?target=" + longText, List.of("target", "512")),
				arguments("/audit/export.csv?actor=%00", List.of("actor", "NUL")),
				arguments("/audit/export.jsonl?target=%00", List.of("target", "NUL")),
				arguments("/audit/export.csv?from=31.01.2026", List.of("from")),
				arguments("/audit/export.jsonl?outcome=MAYBE", List.of("outcome")),
				arguments("/audit/export.csv?token=abc", List.of("token id")),
				arguments("/audit/export.jsonl?request=not-a-uuid", List.of("request id")),
				arguments("/audit/export.csv?action=no.such-action", List.of("action")));
	}

	@ParameterizedTest(name = "GET {0}")
	@MethodSource("badInput")
	void aFilterThatCannotBeUsedIsA400NamingItAndSearchesNothing(String uri, List<String> mentions) throws Exception {
		MvcTestResult result = this.mvc.get().uri(uri.replace("%00", "\0")).with(SignedIn.dave()).exchange();

		assertThat(result).as(uri).hasStatus(400).hasViewName("error");
		ErrorPages.assertNamesTheProblem(result.getResponse().getContentAsString(), mentions);
		then(this.audit).should(never()).search(any(), any());
		then(this.audit).should(never()).export(any(), any(), any(), any());
	}

	static Stream<Arguments> badChecks() {
		return Stream.of(arguments("seq", "abc", "hash", HASH, List.of("seq")),
				arguments("seq", "1", "hash", "zz", List.of("hash", "64")),
				arguments("hash", HASH, null, null, List.of("seq", "missing")),
				arguments("seq", "1", null, null, List.of("hash", "missing")),
				arguments("seq", "1", "hash", HASH + "\0", List.of("hash", "NUL")));
	}

	@ParameterizedTest(name = "{0}={1} {2}={3}")
	@MethodSource("badChecks")
	void aHeadCheckThatCannotBeUsedIsA400NamingItAndChecksNothing(String field, String value, String other,
			String otherValue, List<String> mentions) throws Exception {
		MockMvcRequestBuilder post = this.mvc.post()
			.uri("/audit/verify-head")
			.param(field, value)
			.with(SignedIn.dave())
			.with(csrf());
		if (other != null) {
			post.param(other, otherValue);
		}
		MvcTestResult result = post.exchange();

		assertThat(result).hasStatus(400);
		ErrorPages.assertNamesTheProblem(result.getResponse().getContentAsString(), mentions);
		then(this.audit).should(never()).verifyHead(anyLong(), anyString(), any());
	}

	@Test
	void anEventThatCannotExistIsNotFound() {
		assertThat(this.mvc.get().uri("/audit/events/abc").with(SignedIn.dave())).hasStatus(404)
			.bodyText()
			.contains("There is nothing here");
		assertThat(this.mvc.get().uri("/audit/events/99999999999999999999").with(SignedIn.dave())).hasStatus(404)
			.bodyText()
			.contains("There is nothing here");
		given(this.audit.event(987654321)).willReturn(Optional.empty());
		assertThat(this.mvc.get().uri("/audit/events/987654321").with(SignedIn.dave())).hasStatus(404);
	}

	@Test
	void aSearchIsAskedAsTheAuditorWithTheFiltersTyped() {
		assertThat(this.mvc.get()
			.uri("/audit?actor=alice&action=token.revoked&outcome=SUCCESS&from=2030-01-01")
			.with(SignedIn.dave())).hasStatusOk().hasViewName("audit/list");
		then(this.audit).should()
			.search(argThat((AuditSearch search) -> search.toString().contains("alice")
					&& search.toString().contains("token.revoked")), eq(AuditActor.user(6, "dave")));
	}

	@Test
	void theTrailShowsActionsAndOutcomesInWordsAndKeepsTheKeysForSearching() throws Exception {
		AuditEvent event = new AuditEvent(7L, UUID.randomUUID(), Instant.parse("2030-01-01T10:00:00Z"), 3L, "alice",
				null, null, null, "issuance.failed", "DENIED", "project", 11L, "platform/backend/api", null, null, null,
				"{}", null, null, "hmac-sha256", 70);
		given(this.audit.search(any(), any())).willReturn(new AuditLogService.AuditPage(List.of(event), null));
		given(this.audit.event(70)).willReturn(Optional.of(event));

		String list = this.mvc.get().uri("/audit").with(SignedIn.dave()).exchange().getResponse().getContentAsString();
		assertThat(list).contains(">GitLab refused to create the token</td>", ">refused</span>",
				"<option value=\"token.revoked\">Token revoked</option>", "<option value=\"DENIED\">refused</option>")
			.doesNotContain(">issuance.failed<", ">DENIED<", ">SUCCESS<");

		String page = this.mvc.get()
			.uri("/audit/events/70")
			.with(SignedIn.dave())
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(page)
			.contains("GitLab refused to create the token", "<code>issuance.failed</code>", ">refused<",
					"project platform/backend/api (11)")
			.doesNotContain(">DENIED<");
	}

	@Test
	void theDateFiltersAreTypedInIsoFormWithTheFormatShown() {
		assertThat(this.mvc.get().uri("/audit").with(SignedIn.dave())).hasStatusOk()
			.bodyText()
			.containsPattern("<label for=\"from\">From <span[^>]*>yyyy-mm-dd</span>")
			.containsPattern("<input id=\"from\" type=\"text\"[^>]*pattern=")
			.containsPattern("<input id=\"to\" type=\"text\"[^>]*pattern=")
			.doesNotContain("type=\"date\"");
	}

	@Test
	void verifyingShowsTheResult() {
		assertThat(this.mvc.post().uri("/audit/verify").param("fromStart", "true").with(SignedIn.dave()).with(csrf()))
			.hasStatusOk()
			.hasViewName("audit/verified")
			.bodyText()
			.contains("The chain is intact", "Intact up to event 42");
		then(this.audit).should().verify(true, AuditActor.user(6, "dave"));
	}

	@Test
	void theTrailPageSaysHowManyEventsAwaitSealing() {
		given(this.audit.head())
			.willReturn(new AuditLogService.ChainHead(42, HASH, Instant.parse("2030-01-01T10:00:00Z"), 3));
		assertThat(this.mvc.get().uri("/audit").with(SignedIn.dave())).hasStatusOk()
			.bodyText()
			.contains("3 events await sealing");
	}

	@Test
	void exportsAreDownloadsNamedForTheirFormat() {
		given(this.audit.sealNow()).willReturn(2L);
		assertThat(this.mvc.get().uri("/audit/export.csv?actor=alice").with(SignedIn.dave())).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"audit.csv\"")
			.hasHeader("X-Audit-Awaiting-Sealing", "2")
			.contentType()
			.isCompatibleWith("text/csv");
		assertThat(this.mvc.get().uri("/audit/head").with(SignedIn.dave())).hasStatusOk()
			.hasHeader("Content-Disposition", "attachment; filename=\"audit-head-42.json\"")
			.bodyJson()
			.extractingPath("$.hash")
			.isEqualTo(HASH);
	}

	@Test
	void nonAuditorsAreRefusedEveryAuditPageAndAskNothing() {
		for (String path : new String[] { "/audit", "/audit/export.csv", "/audit/export.jsonl", "/audit/head",
				"/audit/events/1" }) {
			assertThat(this.mvc.get().uri(path).with(SignedIn.alice())).as(path).hasStatus(403);
		}
		assertThat(this.mvc.post().uri("/audit/verify").with(SignedIn.erin()).with(csrf())).hasStatus(403);
		then(this.audit).shouldHaveNoInteractions();
	}

	private static VerificationResult intact() {
		return new VerificationResult(true, 1, 42, HASH, null, null, 42, Duration.ofMillis(5), 0);
	}

}
