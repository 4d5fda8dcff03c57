package dev.tokenportal.approvals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.OwnedTargets;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestEvent.ApprovalGiven;
import dev.tokenportal.requests.TokenRequestEvent.RequestApproved;
import dev.tokenportal.requests.TokenRequestEvent.RequestCancelled;
import dev.tokenportal.requests.TokenRequestEvent.RequestLapsed;
import dev.tokenportal.requests.TokenRequestEvent.RequestRejected;
import dev.tokenportal.requests.TokenRequestEvent.RequestSubmitted;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What waits for one Owner's decision, cheap enough for every page: the approval queue's
 * eligibility (pending, on a project or group GitLab says they own, inherited ownership
 * included, not their own), less what they already decided. GitLab is asked about the
 * targets of those requests only, and its answers remembered for a short while
 * ({@link TargetOwnership}); no pending request from someone else costs no GitLab call at
 * all.
 *
 * @author Token Portal team
 */
@Service
public class AwaitingDecisions {

	private static final Logger logger = LoggerFactory.getLogger(AwaitingDecisions.class);

	static final String COUNT_CACHE = "approvals-waiting-count";

	/** How long the header's count may lag GitLab's memberships and other instances. */
	static final Duration COUNT_TIME_TO_LIVE = Duration.ofSeconds(20);

	// one small entry per signed-in user
	static final int MAX_COUNTS = 100_000;

	private final TokenRequestService requests;

	private final ApprovalRepository approvals;

	private final TargetOwnership owned;

	private final Cache counts;

	private final AtomicLong generation = new AtomicLong();

	AwaitingDecisions(TokenRequestService requests, ApprovalRepository approvals, TargetOwnership owned,
			CacheManager caches) {
		this.requests = requests;
		this.approvals = approvals;
		this.owned = owned;
		this.counts = Objects.requireNonNull(caches.getCache(COUNT_CACHE));
	}

	/**
	 * The newest requests waiting for the viewer's decision, newest first, so that what
	 * just arrived is seen (the approvals page lists them all, oldest first); none when
	 * GitLab cannot say what they own (the approvals page says why).
	 * @param viewer the signed-in user
	 * @param limit the most requests returned
	 * @return the requests
	 */
	@PreAuthorize("hasRole('USER')")
	public List<AwaitingDecision> waitingFor(CurrentUser viewer, int limit) {
		OwnedTargets targets = ownedBy(viewer);
		if (targets == null) {
			return List.of();
		}
		List<TokenRequest> page = this.requests.newestUndecidedOn(targets, viewer.gitlabUserId(), limit);
		if (page.isEmpty()) {
			return List.of();
		}
		Map<UUID, Long> approved = this.approvals.findByRequestIdIn(page.stream().map(TokenRequest::getId).toList())
			.stream()
			.filter((decision) -> decision.getDecision() == ApprovalDecision.APPROVED)
			.collect(Collectors.groupingBy(Approval::getRequestId, Collectors.counting()));
		return page.stream()
			.map((request) -> AwaitingDecision.of(request, approved.getOrDefault(request.getId(), 0L)))
			.toList();
	}

	/**
	 * How many requests wait for the viewer's decision, counted in SQL.
	 * @param viewer the signed-in user
	 * @return the number, 0 when GitLab cannot say what they own
	 */
	@PreAuthorize("hasRole('USER')")
	public int countWaitingFor(CurrentUser viewer) {
		Integer known = this.counts.get(viewer.gitlabUserId(), Integer.class);
		if (known != null) {
			return known;
		}
		long generation = this.generation.get();
		OwnedTargets targets = ownedBy(viewer);
		if (targets == null) {
			// not remembered: the next page asks GitLab again
			return 0;
		}
		int count = Math.toIntExact(this.requests.countUndecidedOn(targets, viewer.gitlabUserId()));
		if (this.generation.get() == generation) {
			// a count taken across a change is not kept: it may predate it
			this.counts.put(viewer.gitlabUserId(), count);
		}
		return count;
	}

	/**
	 * Forgets every remembered count once a change to what waits for decisions has
	 * committed (another instance's changes show when its counts expire). A plain
	 * listener registering its own after-commit step: a transactional event listener
	 * would be recorded as an event publication and completed on a second connection.
	 * @param event what happened to a request
	 */
	@EventListener
	void on(TokenRequestEvent event) {
		if (event instanceof RequestSubmitted || event instanceof ApprovalGiven || event instanceof RequestApproved
				|| event instanceof RequestRejected || event instanceof RequestCancelled
				|| event instanceof RequestLapsed) {
			if (TransactionSynchronizationManager.isSynchronizationActive()) {
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
					@Override
					public void afterCommit() {
						forgetCounts();
					}
				});
			}
			else {
				forgetCounts();
			}
		}
	}

	private void forgetCounts() {
		this.generation.incrementAndGet();
		this.counts.clear();
	}

	/**
	 * What the viewer owns among the targets of others' pending requests (none pending:
	 * nothing, and GitLab is not asked), or {@code null} when GitLab cannot say.
	 */
	private @Nullable OwnedTargets ownedBy(CurrentUser viewer) {
		try {
			return this.owned.amongPending(viewer.gitlabUserId());
		}
		catch (GitLabException ex) {
			logger.debug("Could not list what {} owns in GitLab: {}", viewer.username(), ex.getMessage());
			return null;
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class CacheConfiguration {

		@Bean
		CacheManagerCustomizer<CaffeineCacheManager> waitingCountCache() {
			return (caches) -> caches.registerCustomCache(COUNT_CACHE,
					Caffeine.newBuilder().expireAfterWrite(COUNT_TIME_TO_LIVE).maximumSize(MAX_COUNTS).build());
		}

	}

}
