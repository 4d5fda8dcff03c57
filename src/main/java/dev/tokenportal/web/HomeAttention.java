package dev.tokenportal.web;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.approvals.AwaitingDecisions;
import dev.tokenportal.inventory.InventoryService;
import dev.tokenportal.requests.LapseRule;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import org.springframework.stereotype.Service;

/**
 * What wants the user now: requests waiting for their decision as an Owner, and of their
 * own, tokens about to expire (the portal's expiry reminder), granted requests whose
 * token was not created yet, and requests still waiting. Their own are read from the
 * portal's database only; what waits for their decision asks GitLab what they own at most
 * once per half minute ({@link AwaitingDecisions}).
 *
 * @author Token Portal team
 */
@Service
class HomeAttention {

	/** Requests waiting for the user's decision shown on the home page. */
	static final int WAITING_LIMIT = 10;

	/**
	 * The most of the user's own items read: open requests are few (the open-request
	 * quota), so only tokens ending within the week could reach it.
	 */
	static final int ATTENTION_LIMIT = 200;

	private final TokenRequestService requests;

	private final AwaitingDecisions awaiting;

	private final LapseRule lapse;

	private final Clock clock;

	HomeAttention(TokenRequestService requests, AwaitingDecisions awaiting, LapseRule lapse, Clock clock) {
		this.requests = requests;
		this.awaiting = awaiting;
		this.lapse = lapse;
		this.clock = clock;
	}

	/**
	 * The newest requests waiting for the user's decision as an Owner, at most
	 * {@link #WAITING_LIMIT}; the approvals page has them all.
	 * @param user the signed-in user
	 * @return the requests, none when GitLab cannot say what they own
	 */
	List<WaitingItem> waitingFor(CurrentUser user) {
		Instant now = this.clock.instant();
		return this.awaiting.waitingFor(user, WAITING_LIMIT)
			.stream()
			.map((request) -> WaitingItem.of(request, now))
			.toList();
	}

	/**
	 * The user's items, most urgent first.
	 * @param user the signed-in user
	 * @return the items
	 */
	List<AttentionItem> of(CurrentUser user) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		return this.requests
			.wantingAttention(user.gitlabUserId(), today.plusDays(InventoryService.EXPIRES_SOON_DAYS), ATTENTION_LIMIT)
			.stream()
			.map((request) -> item(request, today))
			.filter(Objects::nonNull)
			.sorted(Comparator.comparing(AttentionItem::kind).thenComparing(AttentionItem::daysLeft))
			.toList();
	}

	private @Nullable AttentionItem item(TokenRequest request, LocalDate today) {
		return switch (request.getStatus()) {
			case ISSUED -> {
				LocalDate expiresOn = request.tokenExpiresOn();
				long days = daysUntil(today, expiresOn);
				yield (days <= InventoryService.EXPIRES_SOON_DAYS)
						? item(AttentionItem.Kind.EXPIRING, request, expiresOn, days) : null;
			}
			case APPROVED -> {
				Instant lapsesAt = Objects.requireNonNull(this.lapse.lapsesAt(request));
				LocalDate lapsesOn = lapsesAt.atZone(ZoneOffset.UTC).toLocalDate();
				yield item(AttentionItem.Kind.READY_TO_CREATE, request, lapsesOn, daysUntil(today, lapsesOn));
			}
			case ISSUING, ISSUE_UNKNOWN -> item(AttentionItem.Kind.CHECKING, request, null, 0);
			case PENDING_APPROVAL -> item(AttentionItem.Kind.AWAITING_APPROVAL, request, null, 0);
			default -> null;
		};
	}

	private static AttentionItem item(AttentionItem.Kind kind, TokenRequest request, @Nullable LocalDate date,
			long daysLeft) {
		return new AttentionItem(kind, request.getId(), request.getShortId(), request.getTokenName(),
				request.getTargetPath(), date, daysLeft);
	}

	private static long daysUntil(LocalDate today, LocalDate day) {
		return Math.max(0, ChronoUnit.DAYS.between(today, day));
	}

}
