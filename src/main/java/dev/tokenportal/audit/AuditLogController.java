package dev.tokenportal.audit;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The security team's view of the trail: search, event detail, export, chain head and
 * verification.
 *
 * @author Token Portal team
 */
@Controller
@Validated
@RequestMapping("/audit")
class AuditLogController {

	private static final String VIEW_LIST = "audit/list";

	private static final String VIEW_EVENT = "audit/event";

	private static final String VIEW_VERIFIED = "audit/verified";

	/** Exports hold sealed events only; this says how many were left out. */
	static final String AWAITING_SEALING = "X-Audit-Awaiting-Sealing";

	private final AuditLogService audit;

	AuditLogController(AuditLogService audit) {
		this.audit = audit;
	}

	@GetMapping
	String listEvents(@Valid @ModelAttribute("search") AuditSearchForm search, @AuthenticationPrincipal OidcUser user,
			Model model) {
		// a filter that cannot be used is a 400 naming it (web/BadInputAdvice)
		model.addAttribute("actions", List.of(AuditAction.values()));
		model.addAttribute("head", this.audit.head());
		model.addAttribute("page", this.audit.search(search.toSearch(), actor(user)));
		return VIEW_LIST;
	}

	@GetMapping("/events/{id}")
	String showEvent(@PathVariable long id, Model model) {
		model.addAttribute("event", this.audit.event(id).orElseThrow(() -> new AuditEventNotFoundException(id)));
		return VIEW_EVENT;
	}

	// verification names events by their place in the chain
	@GetMapping("/chain/{seq}")
	String showEventAt(@PathVariable long seq, Model model) {
		model.addAttribute("event", this.audit.eventAt(seq).orElseThrow(() -> new AuditEventNotFoundException(seq)));
		return VIEW_EVENT;
	}

	@GetMapping("/export.{format:csv|jsonl}")
	ResponseEntity<StreamingResponseBody> export(@PathVariable String format,
			@Valid @ModelAttribute("search") AuditSearchForm search, @AuthenticationPrincipal OidcUser user) {
		AuditExport kind = "csv".equals(format) ? AuditExport.CSV : AuditExport.JSONL;
		AuditSearch filters = search.toSearch();
		AuditActor auditor = actor(user);
		long awaiting = this.audit.sealNow();
		StreamingResponseBody body = (out) -> this.audit.export(filters, kind, out, auditor);
		return ResponseEntity.ok()
			.header(AWAITING_SEALING, Long.toString(awaiting))
			.contentType(MediaType.parseMediaType(kind.contentType() + ";charset=UTF-8"))
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("audit." + kind.extension()).build().toString())
			.body(body);
	}

	@GetMapping(path = "/head", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<AuditLogService.ChainHead> exportHead() {
		AuditLogService.ChainHead head = this.audit.sealedHead();
		return ResponseEntity.ok()
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename("audit-head-" + head.seq() + ".json").build().toString())
			.body(head);
	}

	@PostMapping("/verify")
	String processVerify(@RequestParam(defaultValue = "false") boolean fromStart,
			@AuthenticationPrincipal OidcUser user, Model model) {
		model.addAttribute("result", this.audit.verify(fromStart, actor(user)));
		return VIEW_VERIFIED;
	}

	@PostMapping("/verify-head")
	String processVerifyHead(@RequestParam @PositiveOrZero(message = "{audit.verifyHead.seq.invalid}") long seq,
			@RequestParam @Pattern(regexp = "\\s*[0-9a-fA-F]{64}\\s*",
					message = "{audit.verifyHead.hash.invalid}") String hash,
			@AuthenticationPrincipal OidcUser user, Model model) {
		model.addAttribute("result", this.audit.verifyHead(seq, hash, actor(user)));
		model.addAttribute("exportedSeq", seq);
		return VIEW_VERIFIED;
	}

	private static AuditActor actor(@Nullable OidcUser user) {
		CurrentUser current = CurrentUser.of(java.util.Objects.requireNonNull(user));
		return AuditActor.user(current.gitlabUserId(), current.username());
	}

}
