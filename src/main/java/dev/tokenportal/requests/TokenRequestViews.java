package dev.tokenportal.requests;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import dev.tokenportal.audit.AuditEvent;
import dev.tokenportal.audit.AuditTrail;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.stereotype.Service;

/**
 * Who may see a request, and what they see: the request itself, the Owners' decisions and
 * its history from the audit trail. The requester and auditors always may; anyone else
 * only while GitLab says they are an effective Owner of the target. Everyone else is told
 * there is no such request ({@link RequestAccess}).
 *
 * @author Token Portal team
 */
@Service
public class TokenRequestViews {

	private static final Logger logger = LoggerFactory.getLogger(TokenRequestViews.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TypeReference<Map<String, Object>> DETAILS = new TypeReference<>() {
	};

	private final TokenRequestService tokenRequests;

	private final GitLabTokenClient gitlab;

	private final AuditTrail audit;

	private final RequestApprovalsQuery approvals;

	private final RequestAccess access;

	TokenRequestViews(TokenRequestService tokenRequests, GitLabTokenClient gitlab, AuditTrail audit,
			RequestApprovalsQuery approvals, RequestAccess access) {
		this.tokenRequests = tokenRequests;
		this.gitlab = gitlab;
		this.audit = audit;
		this.approvals = approvals;
		this.access = access;
	}

	/**
	 * A request as one viewer may see it.
	 * @param id the request
	 * @param viewer who looks
	 * @return the view
	 * @throws TokenRequestNotFoundException when there is no such request or the viewer
	 * may not see it (the refusal is audited)
	 * @throws ApproverCheckUnavailableException when only GitLab could say whether the
	 * viewer may see it, and it could not be asked
	 */
	public TokenRequestView view(UUID id, CurrentUser viewer) {
		TokenRequest request = this.tokenRequests.get(id);
		boolean requester = request.isRequestedBy(viewer.gitlabUserId());
		boolean auditor = viewer.has(PortalRole.AUDITOR);
		if (!requester && !auditor) {
			this.access.requireNotThrottled(viewer, id);
		}
		boolean approver = !requester && isOwner(request, viewer, auditor);
		if (!requester && !auditor && !approver) {
			throw this.access.viewDenied(viewer, id);
		}
		return toView(request, requester, approver, auditor);
	}

	/**
	 * A request's history, oldest first. Call {@link #view} first: this does not check
	 * who asks.
	 * @param id the request
	 * @return its events
	 */
	public List<TimelineEntry> timeline(UUID id) {
		return this.audit.eventsOfRequest(id).stream().map(TokenRequestViews::entry).toList();
	}

	/**
	 * The viewer's own requests, newest first.
	 * @param viewer who looks
	 * @return their requests
	 */
	public List<TokenRequestSummary> mine(CurrentUser viewer) {
		return this.tokenRequests.requestsOf(viewer.gitlabUserId()).stream().map(TokenRequestSummary::of).toList();
	}

	private boolean isOwner(TokenRequest request, CurrentUser viewer, boolean mayViewAnyway) {
		try {
			return this.gitlab.effectiveMember(request.target(), viewer.gitlabUserId())
				.map(GitLabMember::isActiveOwner)
				.orElse(false);
		}
		catch (GitLabException ex) {
			logger.warn("Could not ask GitLab whether {} owns {}: {}", viewer.username(), request.getTargetPath(),
					ex.getMessage());
			if (mayViewAnyway) {
				return false;
			}
			throw new ApproverCheckUnavailableException();
		}
	}

	private TokenRequestView toView(TokenRequest r, boolean requester, boolean approver, boolean auditor) {
		return new TokenRequestView(r.getId(), r.getShortId(), r.getStatus(), r.getStatusReason(), r.isAwaitingChange(),
				r.getRequesterUsername(), r.getRequesterAccessLevel(), r.getTargetType(), r.getTargetId(),
				r.getTargetPath(), r.getTokenName(), r.getDescription(), r.getScopes(), r.getAccessLevel(),
				r.getExpiresOn(), r.getJustification(), r.getTier(), r.getPolicyRule(), r.getPolicyReason(),
				r.getPolicyVersion(), r.getRequiredApprovals(), this.approvals.decisionsOn(r.getId()),
				r.getGitlabTokenId(), r.getGitlabTokenName(), r.getIssuedExpiresOn(), r.getRenewalOf(),
				r.getCreatedAt(), r.getUpdatedAt(), requester, approver, auditor);
	}

	private static TimelineEntry entry(AuditEvent event) {
		List<TimelineEntry.Detail> details = new ArrayList<>();
		details(event.details()).forEach((key, value) -> {
			if (value != null) {
				details.add(new TimelineEntry.Detail(key, plain(key, value)));
			}
		});
		if (event.gitlabTokenId() != null) {
			details.add(new TimelineEntry.Detail("gitlabTokenId", String.valueOf(event.gitlabTokenId())));
		}
		return new TimelineEntry(event.occurredAt(), event.actorUsername(), event.action(), event.outcome(), details);
	}

	// stored values in the words the rest of the page uses
	private static String plain(String key, Object value) {
		String text = String.valueOf(value);
		return switch (key) {
			case "accessLevel" ->
				text.matches("[0-9]{1,3}") ? AccessLevel.label(Integer.parseInt(text)) + " (" + text + ")" : text;
			case "status", "tier" -> text.toLowerCase(Locale.ROOT).replace('_', ' ');
			default -> text;
		};
	}

	private static Map<String, Object> details(String json) {
		try {
			return JSON.readValue(json, DETAILS);
		}
		catch (RuntimeException ex) {
			return Map.of("details", json);
		}
	}

}
