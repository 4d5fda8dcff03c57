package dev.tokenportal.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.KeysetPage;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The tokens a user was issued through the portal, newest first, with how each stands.
 *
 * @author Token Portal team
 */
@Service
public class InventoryService {

	/** A token this close to its expiry date is flagged. */
	public static final int EXPIRES_SOON_DAYS = 7;

	/** Tokens on a page of "My tokens". */
	public static final int PAGE_SIZE = 50;

	static final Set<TokenRequestStatus> ISSUED_ONCE = Set.of(TokenRequestStatus.ISSUED, TokenRequestStatus.REVOKED,
			TokenRequestStatus.EXPIRED);

	private final TokenRequestService requests;

	private final Clock clock;

	InventoryService(TokenRequestService requests, Clock clock) {
		this.requests = requests;
		this.clock = clock;
	}

	/**
	 * A page of my tokens: requests that were issued (and may since have been revoked or
	 * expired), narrowed in SQL.
	 * @param user the signed-in user
	 * @param filter what to show and where the page starts
	 * @return their tokens, newest request first, at most {@link #PAGE_SIZE}
	 */
	@PreAuthorize("isAuthenticated()")
	public KeysetPage<TokenView> tokensOf(CurrentUser user, TokenListFilter filter) {
		LocalDate today = LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
		return this.requests.requestsOf(user.gitlabUserId(), filter.query(), PAGE_SIZE)
			.map((request) -> view(request, today));
	}

	static TokenView view(TokenRequest request, LocalDate today) {
		LocalDate expiresOn = request.tokenExpiresOn();
		long daysLeft = Math.max(0, ChronoUnit.DAYS.between(today, expiresOn));
		String name = (request.getGitlabTokenName() != null) ? request.getGitlabTokenName() : request.gitlabName();
		return new TokenView(request.getId(), request.getShortId(), name,
				request.getTargetType().name().toLowerCase(java.util.Locale.ROOT), request.getTargetPath(),
				request.tokenScopes(), AccessLevel.named(request.tokenAccessLevel()), expiresOn, daysLeft,
				state(request.getStatus(), daysLeft), request.getGitlabTokenId(), request.getRevokeAt());
	}

	private static TokenState state(TokenRequestStatus status, long daysLeft) {
		if (status == TokenRequestStatus.REVOKED) {
			return TokenState.REVOKED;
		}
		if (status == TokenRequestStatus.EXPIRED || daysLeft == 0) {
			return TokenState.EXPIRED;
		}
		return (daysLeft <= EXPIRES_SOON_DAYS) ? TokenState.EXPIRES_SOON : TokenState.ACTIVE;
	}

}
