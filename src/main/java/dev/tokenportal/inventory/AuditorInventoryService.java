package dev.tokenportal.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.audit.RecordedTokens;
import dev.tokenportal.gitlab.GitLabAccessToken;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.policy.AccessLevel;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * The security team's inventory: every token issued through the portal, and, for one
 * project or group at a time, every token GitLab has there, telling the portal's from
 * those made past its policy.
 *
 * @author Token Portal team
 */
@Service
public class AuditorInventoryService {

	static final int PAGE_SIZE = 50;

	/** The marker the portal puts in its tokens' names, which anyone can copy. */
	private static final Pattern PORTAL_MARKER = Pattern
		.compile(Pattern.quote(TokenRequest.NAME_MARKER) + "[0-9a-f]{8}", Pattern.CASE_INSENSITIVE);

	private final TokenRequestService requests;

	private final RecordedTokens recorded;

	private final GitLabTokenClient gitlab;

	private final Clock clock;

	AuditorInventoryService(TokenRequestService requests, RecordedTokens recorded, GitLabTokenClient gitlab,
			Clock clock) {
		this.requests = requests;
		this.recorded = recorded;
		this.gitlab = gitlab;
		this.clock = clock;
	}

	/**
	 * Tokens issued through the portal, newest first, a page at a time.
	 * @param filter what to show
	 * @return the page
	 */
	@PreAuthorize("hasRole('AUDITOR')")
	public InventoryPage issued(InventoryFilter filter) {
		LocalDate today = today();
		return InventoryPage.of(this.requests
			.issuedForInventory(filter.statuses(), filter.targetPrefix(), filter.requesterName(), filter.after(),
					PAGE_SIZE)
			.map((request) -> new IssuedToken(InventoryService.view(request, today), request.getRequesterUsername())));
	}

	/**
	 * Every token GitLab lists on a project or group, asked of GitLab now with the
	 * service account, each matched against the portal's requests for that target.
	 * @param fullPath the project's or group's full path
	 * @return the tokens, or empty when GitLab knows no such project or group
	 */
	@PreAuthorize("hasRole('AUDITOR')")
	public Optional<GitLabTargetInventory> inGitLab(String fullPath) {
		String path = fullPath.strip().replaceAll("^/+|/+$", "");
		if (path.isEmpty()) {
			return Optional.empty();
		}
		return this.gitlab.targetAt(path).map(this::inventoryOf);
	}

	private GitLabTargetInventory inventoryOf(GitLabTarget target) {
		List<TokenRequest> known = this.requests.requestsFor(target);
		List<GitLabAccessToken> tokens = this.gitlab.list(target);
		Map<Long, Set<UUID>> recordedFor = this.recorded
			.requestsOf(tokens.stream().map(GitLabAccessToken::id).toList());
		LocalDate today = today();
		List<GitLabTokenRow> rows = tokens.stream()
			.map((token) -> row(token, known, recordedFor, today))
			.sorted(Comparator.comparing((GitLabTokenRow row) -> !"active".equals(row.state()))
				.thenComparing(GitLabTokenRow::gitlabTokenId, Comparator.reverseOrder()))
			.toList();
		return new GitLabTargetInventory(target.resource().name().toLowerCase(Locale.ROOT), target.fullPath(), rows);
	}

	/**
	 * Where a token came from, by the ids the portal recorded: names are free text in
	 * GitLab, and anyone who can list a project's tokens sees the portal's marker. A
	 * GitLab token keeps its name for life, so the portal's tokens also carry their
	 * request's marker; that alone never makes a token the portal's.
	 */
	private static GitLabTokenRow row(GitLabAccessToken token, List<TokenRequest> known,
			Map<Long, Set<UUID>> recordedFor, LocalDate today) {
		TokenRequest current = find(known,
				(request) -> Long.valueOf(token.id()).equals(request.getGitlabTokenId()) && request.owns(token.name()));
		Set<UUID> recordedRequests = recordedFor.getOrDefault(token.id(), Set.of());
		TokenRequest earlier = (current != null) ? null
				: find(known, (request) -> recordedRequests.contains(request.getId()) && request.owns(token.name()));
		TokenRequest request = (current != null) ? current : earlier;
		GitLabTokenOrigin origin = (current != null) ? GitLabTokenOrigin.PORTAL
				: (earlier != null) ? GitLabTokenOrigin.PORTAL_EARLIER : GitLabTokenOrigin.OUTSIDE;
		boolean misleadingName = origin == GitLabTokenOrigin.OUTSIDE && PORTAL_MARKER.matcher(token.name()).find();
		return new GitLabTokenRow(token.id(), token.name(), token.scopes(),
				(token.accessLevel() != null) ? AccessLevel.named(token.accessLevel()) : null, token.expiresAt(),
				token.createdAt(), token.lastUsedAt(), state(token, today), origin, misleadingName,
				(request != null) ? request.getId() : null, (request != null) ? request.getShortId() : null,
				(request != null) ? request.getRequesterUsername() : null);
	}

	private static String state(GitLabAccessToken token, LocalDate today) {
		if (token.revoked()) {
			return "revoked";
		}
		if (!token.active() || (token.expiresAt() != null && !token.expiresAt().isAfter(today))) {
			return "expired";
		}
		return "active";
	}

	private static @Nullable TokenRequest find(List<TokenRequest> requests,
			java.util.function.Predicate<TokenRequest> matches) {
		return requests.stream().filter(matches).findFirst().orElse(null);
	}

	private LocalDate today() {
		return LocalDate.now(this.clock.withZone(ZoneOffset.UTC));
	}

}
