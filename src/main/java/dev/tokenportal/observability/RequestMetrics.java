package dev.tokenportal.observability;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.SubmitRefused;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Counts what happens to token requests, from the events {@code requests} publishes: how
 * many are submitted and what the policy made of them, how long Owners take to decide,
 * and what became of each press of Create token and how long it took. A change is counted
 * once its transaction commits, so a change that rolled back is not; a refused submit
 * (published while it rolls back) is counted at once. Tags take a handful of values each,
 * never an id.
 *
 * @author Token Portal team
 */
@Component
class RequestMetrics {

	private static final Logger logger = LoggerFactory.getLogger(RequestMetrics.class);

	static final String SUBMITTED = "portal.requests.submitted";

	static final String DECISION = "portal.requests.decision";

	static final String ISSUANCE_OUTCOMES = "portal.issuance.outcomes";

	static final String ISSUANCE_DURATION = "portal.issuance.duration";

	/** Owners decide in minutes to days. */
	private static final Duration[] DECISION_BUCKETS = { Duration.ofMinutes(1), Duration.ofMinutes(5),
			Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4), Duration.ofDays(1), Duration.ofDays(3),
			Duration.ofDays(7) };

	/** A create is one or two GitLab calls and a transaction or three. */
	private static final Duration[] ISSUANCE_BUCKETS = { Duration.ofMillis(250), Duration.ofMillis(500),
			Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10),
			Duration.ofSeconds(30) };

	private final MeterRegistry meters;

	private final TokenRequestService requests;

	/**
	 * When each press of Create token on this instance claimed its request, until its
	 * outcome; one whose outcome never comes here (the instance stopped) ages out.
	 */
	private final Cache<UUID, Instant> pressed = Caffeine.newBuilder()
		.expireAfterWrite(Duration.ofHours(1))
		.maximumSize(10_000)
		.build();

	RequestMetrics(MeterRegistry meters, TokenRequestService requests) {
		this.meters = meters;
		this.requests = requests;
	}

	@EventListener
	void on(TokenRequestEvent.RequestSubmitted e) {
		String outcome = (e.request().status() == TokenRequestStatus.APPROVED) ? "approved" : "pending";
		String tier = tier(e.request().tier());
		afterCommit(() -> submitted(tier, outcome));
	}

	@EventListener
	void on(SubmitRefused e) {
		String outcome;
		if (e.gitLabFailed()) {
			outcome = "gitlab_failed";
		}
		else if (e.eligibleOwners() != null) {
			outcome = "too_few_owners";
		}
		else if (e.rule() != null) {
			// the policy, or the check of the variable the token was to go to
			outcome = "denied";
		}
		else {
			// before the policy: too many open requests, not a member of the target
			outcome = "refused";
		}
		String tier = (e.tier() != null) ? tier(e.tier()) : "denied".equals(outcome) ? tier(Tier.DENIED) : "none";
		// published while the submit rolls back: counted now
		safely(() -> submitted(tier, outcome));
	}

	@EventListener
	void on(TokenRequestEvent.RequestApproved e) {
		decided(e, "approved");
	}

	@EventListener
	void on(TokenRequestEvent.RequestRejected e) {
		decided(e, "rejected");
	}

	@EventListener
	void on(TokenRequestEvent.IssuanceStarted e) {
		UUID id = e.request().id();
		Instant at = e.at();
		afterCommit(() -> this.pressed.put(id, at));
	}

	@EventListener
	void on(TokenRequestEvent.TokenIssued e) {
		issuance(e, "issued");
	}

	@EventListener
	void on(TokenRequestEvent.TokenIssueRefused e) {
		issuance(e, "refused");
	}

	@EventListener
	void on(TokenRequestEvent.TokenIssueUnknown e) {
		issuance(e, "unknown");
	}

	@EventListener
	void on(TokenRequestEvent.TokenNotRecorded e) {
		issuance(e, "not_recorded");
	}

	@EventListener
	void on(TokenRequestEvent.TokenNotDelivered e) {
		issuance(e, "not_delivered");
	}

	@EventListener
	void on(TokenRequestEvent.IssueClaimWithdrawn e) {
		// the requester's hourly allowance: nothing was sent to GitLab
		issuance(e, "limited");
	}

	@EventListener
	void on(TokenRequestEvent.IssueReconciled e) {
		issuance(e, "reconciled");
	}

	private void submitted(String tier, String outcome) {
		Counter.builder(SUBMITTED)
			.description("Token requests submitted, by the policy's tier and what became of the submit")
			.tags("tier", tier, "outcome", outcome)
			.register(this.meters)
			.increment();
	}

	private void decided(TokenRequestEvent e, String decision) {
		UUID id = e.request().id();
		Instant at = e.at();
		String tier = tier(e.request().tier());
		afterCommit(() -> {
			// when it was submitted, as the request keeps it (decisions come at human
			// pace)
			Duration waited = Duration.between(this.requests.get(id).getCreatedAt(), at);
			Timer.builder(DECISION)
				.description("From submit to the Owners' decision, by tier and decision")
				.tags("tier", tier, "decision", decision)
				.serviceLevelObjectives(DECISION_BUCKETS)
				.register(this.meters)
				.record(waited.isNegative() ? Duration.ZERO : waited);
		});
	}

	private void issuance(TokenRequestEvent e, String outcome) {
		UUID id = e.request().id();
		Instant at = e.at();
		afterCommit(() -> {
			Counter.builder(ISSUANCE_OUTCOMES)
				.description("What became of each attempt to create a token in GitLab")
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
			Instant started = this.pressed.asMap().remove(id);
			if (started != null) {
				Timer.builder(ISSUANCE_DURATION)
					.description("From Create token to its outcome, for the presses this instance handled")
					.tag("outcome", outcome)
					.serviceLevelObjectives(ISSUANCE_BUCKETS)
					.register(this.meters)
					.record(Duration.between(started, at));
			}
		});
	}

	private static String tier(@Nullable Tier tier) {
		return (tier != null) ? tier.name().toLowerCase(Locale.ROOT) : "none";
	}

	/**
	 * Records once the change is committed (at once outside a transaction), never in the
	 * transaction itself: nothing here may fail or slow down the change it counts.
	 */
	private static void afterCommit(Runnable record) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			safely(record);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

			@Override
			public void afterCommit() {
				safely(record);
			}

		});
	}

	/** A metric that cannot be recorded is lost, never the caller's answer. */
	private static void safely(Runnable record) {
		try {
			record.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record a metric: {}", ex.toString());
		}
	}

}
