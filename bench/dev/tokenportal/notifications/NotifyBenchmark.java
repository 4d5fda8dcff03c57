package dev.tokenportal.notifications;

import java.net.ServerSocket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.GitLabSandboxConfiguration;
import dev.tokenportal.TestcontainersConfiguration;
import dev.tokenportal.TokenPortalApplication;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import dev.tokenportal.security.PortalUserService;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Submit to the Owner's inbox: a standard request of alice's on platform/backend/api is
 * submitted (through the real service: GitLab's membership check, the policy, the
 * database), and the clock runs until GreenMail holds the Owners' e-mail. The submit's
 * own latency is measured with notifications on (mail server set) and off (no mail
 * server, no chat), in two portals started one after the other. The anchor is a direct
 * SMTP send of a two-part message to the same GreenMail, so the figures travel between
 * machines as ratios. Run with {@code bench/run-notify-benchmark.sh}; not part of the
 * test suite.
 *
 * <p>
 * Until {@code requests} publishes its events (issue 8, helper "events"), the benchmark
 * publishes {@code RequestSubmitted} itself right after the submit, in a transaction of
 * its own, and says so.
 *
 * @author Token Portal team
 */
public final class NotifyBenchmark {

	private static final int SUBMITS = Integer.getInteger("submits", 200);

	private static final int WARM_UP = 20;

	public static void main(String[] args) throws Exception {
		((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(ch.qos.logback.classic.Level.WARN);
		int smtpPort;
		try (ServerSocket free = new ServerSocket(0)) {
			smtpPort = free.getLocalPort();
		}
		GreenMail mail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
		mail.start();

		List<Long> anchor = anchor(smtpPort, mail);
		Result on = run(mail, smtpPort, true);
		Result off = run(mail, smtpPort, false);
		mail.stop();

		double anchorMedian = median(anchor);
		System.out.printf("Anchor: direct SMTP send of a two-part message to the local server: %s%n", stats(anchor));
		if (on.selfPublished) {
			System.out.println("Note: requests does not publish RequestSubmitted yet; the benchmark published it "
					+ "right after each submit, in its own transaction.");
		}
		System.out.printf("Submit -> both Owners' mails in the inbox (notifications on): %s  (p50 %.1fx, p95 %.1fx the anchor)%n",
				stats(on.toMail), median(on.toMail) / anchorMedian, p95(on.toMail) / anchorMedian);
		System.out.printf("Submit latency, notifications on:  %s  (p50 %.1fx the anchor)%n", stats(on.submit),
				median(on.submit) / anchorMedian);
		System.out.printf("Submit latency, notifications off: %s  (p50 %.1fx the anchor)%n", stats(off.submit),
				median(off.submit) / anchorMedian);
		System.out.printf("Submit latency on/off: p50 %.2f, p95 %.2f%n", median(on.submit) / median(off.submit),
				p95(on.submit) / p95(off.submit));
		System.exit(0);
	}

	private static List<Long> anchor(int smtpPort, GreenMail mail) throws Exception {
		JavaMailSenderImpl sender = new JavaMailSenderImpl();
		sender.setHost("127.0.0.1");
		sender.setPort(smtpPort);
		List<Long> micros = new ArrayList<>();
		for (int i = 0; i < SUBMITS + WARM_UP; i++) {
			int before = mail.getReceivedMessages().length;
			long begin = System.nanoTime();
			MimeMessage message = sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom("anchor@tokenportal.test");
			helper.setTo("owner@example.test");
			helper.setSubject("[Token Portal] anchor " + i);
			helper.setText("A request waits for you.\nhttps://portal.example.test/requests/" + i,
					"<p>A request waits for you.</p><p><a href=\"https://portal.example.test/requests/" + i
							+ "\">Review</a></p>");
			sender.send(message);
			while (mail.getReceivedMessages().length <= before) {
				Thread.onSpinWait();
			}
			if (i >= WARM_UP) {
				micros.add((System.nanoTime() - begin) / 1_000);
			}
		}
		return micros;
	}

	private static Result run(GreenMail mail, int smtpPort, boolean notifications) throws Exception {
		GitLabSandbox sandbox = GitLabSandboxConfiguration.sharedSandbox();
		sandbox.reset();
		List<String> arguments = new ArrayList<>(Arrays.asList(GitLabSandboxConfiguration.portalArguments(sandbox)));
		arguments.addAll(List.of("--server.port=0", "--portal.jobs.enabled=false", "--logging.level.root=WARN",
				"--spring.main.banner-mode=off", "--portal.limits.open-requests-per-user=1000000",
				"--portal.limits.request-denials-per-user-per-hour=1000000", "--portal.chat.webhook-url=",
				"--portal.base-url=https://portal.example.test"));
		if (notifications) {
			arguments.addAll(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort));
		}
		ConfigurableApplicationContext portal = SpringApplication.from(TokenPortalApplication::main)
			.with(TestcontainersConfiguration.class)
			.run(arguments.toArray(String[]::new))
			.getApplicationContext();
		TokenRequestService requests = portal.getBean(TokenRequestService.class);
		ApplicationEventPublisher publisher = portal;
		TransactionTemplate transactions = new TransactionTemplate(portal.getBean(PlatformTransactionManager.class));
		PortalUserService users = portal.getBean(PortalUserService.class);
		users.recordLogin(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner", "bob@example.test");
		users.recordLogin(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner", "carol@example.test");
		CurrentUser alice = new CurrentUser(SandboxSeed.ALICE_ID, "alice", "Alice Developer", null,
				Set.of(PortalRole.USER));
		Result result = new Result();
		boolean publishes = true;
		for (int i = 0; i < SUBMITS + WARM_UP; i++) {
			int before = mail.getReceivedMessages().length;
			long begin = System.nanoTime();
			TokenRequest request = requests.submit(new NewTokenRequest(GitLabResource.PROJECT, SandboxSeed.API_ID,
					"bench-" + notifications + "-" + i, null, List.of("read_api"), 30,
					LocalDate.now(ZoneOffset.UTC).plusDays(30), "benchmark", null), alice);
			long submitted = System.nanoTime();
			if (notifications && i == 0) {
				publishes = awaitMail(mail, before + 1, 3_000);
				result.selfPublished = !publishes;
			}
			if (notifications && !publishes) {
				TokenRequestEvent.RequestSnapshot snapshot = new TokenRequestEvent.RequestSnapshot(request.getId(),
						request.getShortId(), request.getRequesterId(), request.getRequesterUsername(),
						request.target(), request.getTokenName(), request.getTier(), request.getStatus(),
						request.getRequiredApprovals(), request.getGitlabTokenId(), request.tokenExpiresOn());
				transactions.executeWithoutResult((status) -> publisher.publishEvent(
						new TokenRequestEvent.RequestSubmitted(snapshot, new TokenRequestEvent.Actor(alice.gitlabUserId(),
								alice.username()), Instant.now().truncatedTo(ChronoUnit.MILLIS), List.of("read_api"), 30,
								30, "bench", "bench", 1, null)));
			}
			// both Owners (bob and carol), so that no late mail counts for the next submit
			if (notifications && !awaitMail(mail, before + 2, 30_000)) {
				throw new IllegalStateException("the Owners' mail did not arrive");
			}
			long arrived = System.nanoTime();
			if (i >= WARM_UP) {
				result.submit.add((submitted - begin) / 1_000);
				if (notifications) {
					result.toMail.add((arrived - begin) / 1_000);
				}
			}
		}
		portal.close();
		return result;
	}

	private static boolean awaitMail(GreenMail mail, int count, long timeoutMillis) throws InterruptedException {
		long until = System.currentTimeMillis() + timeoutMillis;
		while (mail.getReceivedMessages().length < count) {
			if (System.currentTimeMillis() > until) {
				return false;
			}
			Thread.sleep(0, 200_000);
		}
		return true;
	}

	private static double median(List<Long> micros) {
		long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
		return sorted[sorted.length / 2] / 1000.0;
	}

	private static double p95(List<Long> micros) {
		long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
		return sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1000.0;
	}

	private static String stats(List<Long> micros) {
		return String.format("n=%d  p50 %.1f ms  p95 %.1f ms", micros.size(), median(micros), p95(micros));
	}

	private static final class Result {

		final List<Long> submit = new ArrayList<>();

		final List<Long> toMail = new ArrayList<>();

		boolean selfPublished;

	}

}
