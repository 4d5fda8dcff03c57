package dev.tokenportal.issuance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.TokenRequestStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Marks issued tokens whose expiry date has come as {@code EXPIRED}. GitLab stops
 * accepting a token at 00:00 UTC on its expiry date, so that is the day it expires here
 * too. The CI/CD variable the portal wrote such a token into is deleted, so no pipeline
 * goes on using a dead token. One instance runs it at a time.
 *
 * @author Token Portal team
 */
@Component
public class TokenExpiryJob {

	private static final Logger logger = LoggerFactory.getLogger(TokenExpiryJob.class);

	private final TokenRequestService requests;

	private final IssuanceSteps steps;

	private final Clock clock;

	private final VariableDelivery delivery;

	TokenExpiryJob(TokenRequestService requests, IssuanceSteps steps, Clock clock, VariableDelivery delivery) {
		this.requests = requests;
		this.steps = steps;
		this.clock = clock;
		this.delivery = delivery;
	}

	/**
	 * Expires the tokens due today (UTC) or earlier.
	 * @return the requests expired by this run
	 */
	@Scheduled(cron = "${portal.issuance.expire-cron:0 5 * * * *}", zone = "UTC")
	@SchedulerLock(name = "token-expiry", lockAtMostFor = "PT30M")
	public List<UUID> expire() {
		return expireDueBy(LocalDate.now(this.clock.withZone(ZoneOffset.UTC)));
	}

	/**
	 * Expires the tokens whose expiry date is a given day or earlier.
	 * @param day the day (UTC)
	 * @return the requests expired
	 */
	public List<UUID> expireDueBy(LocalDate day) {
		List<UUID> expired = new ArrayList<>();
		for (TokenRequest request : this.requests.inStatus(TokenRequestStatus.ISSUED)) {
			LocalDate expiresOn = request.getIssuedExpiresOn();
			if (expiresOn != null && !expiresOn.isAfter(day) && expire(request)) {
				expired.add(request.getId());
			}
		}
		if (!expired.isEmpty()) {
			logger.info("{} token(s) reached their expiry date", expired.size());
		}
		return expired;
	}

	private boolean expire(TokenRequest request) {
		Long tokenId = request.getGitlabTokenId();
		if (tokenId == null) {
			return this.steps.expired(request.getId());
		}
		// GitLab first, outside the transaction; it deletes only a variable that still
		// holds this token, so a rotation meanwhile loses nothing
		VariableDelivery.VariableRemoval removal = this.delivery.remove(request, tokenId, false);
		return this.steps.expired(request.getId(), tokenId, removal);
	}

}
