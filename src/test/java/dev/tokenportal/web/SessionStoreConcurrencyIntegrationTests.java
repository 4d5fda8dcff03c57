package dev.tokenportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.PortalHttp;
import dev.tokenportal.PortalIntegrationTest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.tokenportal.issuance.IssuanceTestSupport.approvedApiRequest;
import static dev.tokenportal.issuance.IssuanceTestSupport.csrf;
import static dev.tokenportal.issuance.IssuanceTestSupport.signedIn;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * security.md 11.10: a user who presses several buttons at once (or whose browser replays
 * a form in several tabs) sends POSTs that race on the same session in PostgreSQL; each
 * leaves a flash message, and none may fail on the session store.
 *
 * @author Token Portal team
 */
@PortalIntegrationTest
class SessionStoreConcurrencyIntegrationTests {

	private static final int PARALLEL = 16;

	private static final int ROUNDS = 3;

	@LocalServerPort
	int port;

	@Autowired
	GitLabSandbox sandbox;

	@Autowired
	TokenRequestService requests;

	@Test
	void parallelPostsInOneSessionNeverFailOnTheSessionStore() throws Exception {
		this.sandbox.reset();
		ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
		try {
			for (int round = 0; round < ROUNDS; round++) {
				// a fresh session each round: the race is on the first flash message's
				// row
				PortalHttp alice = signedIn(this.port, SandboxSeed.ALICE);
				String csrf = csrf(alice);
				List<TokenRequest> own = new ArrayList<>();
				for (int i = 0; i < PARALLEL; i++) {
					own.add(approvedApiRequest(this.requests));
				}
				CountDownLatch start = new CountDownLatch(1);
				List<Future<Integer>> statuses = new ArrayList<>();
				for (TokenRequest request : own) {
					statuses.add(pool.submit(() -> {
						start.await();
						return alice.post("/requests/" + request.getId() + "/cancel", Map.of("_csrf", csrf)).status();
					}));
				}
				start.countDown();
				for (Future<Integer> status : statuses) {
					assertThat(status.get()).as("round %d", round).isEqualTo(302);
				}
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

}
