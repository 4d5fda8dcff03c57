package dev.tokenportal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxInbox;

/**
 * The stand-ins for a trial of the production jar (bench/run-production-trial.sh,
 * bench/run-several-instances.sh): the GitLab sandbox on 8929, which also takes chat
 * messages, and a local SMTP server on 3025, in one process apart from the portal. The
 * two ports may be given as arguments. Commands on standard input: {@code mail-stop},
 * {@code mail-start} (the server down for a while), {@code tokens} (prints every token
 * value GitLab issued, one per line, so the trial can look for them where they must not
 * be), {@code delay METHOD PATH-GLOB MILLIS} (GitLab slow on those calls, as
 * {@code Faults#delay}), {@code fail METHOD PATH-GLOB STATUS} (GitLab answers those calls with
 * that status), {@code clear-faults}, {@code quit}. The ports may also be given as
 * {@code -Dstandins.gitlab-port=… -Dstandins.smtp-port=…}.
 *
 * @author Token Portal team
 */
public final class TrialStandIns {

	public static void main(String[] args) throws Exception {
		int gitlabPort = (args.length > 0) ? Integer.parseInt(args[0])
				: Integer.getInteger("standins.gitlab-port", GitLabSandbox.DEFAULT_PORT);
		int smtpPort = (args.length > 1) ? Integer.parseInt(args[1]) : Integer.getInteger("standins.smtp-port", 3025);
		GitLabSandbox sandbox = GitLabSandbox.start(gitlabPort);
		List<SandboxInbox.Mail> earlier = new ArrayList<>();
		LocalMailServer[] mail = { LocalMailServer.start(smtpPort) };
		sandbox.inbox().connect(() -> {
			List<SandboxInbox.Mail> all = new ArrayList<>(earlier);
			if (mail[0] != null) {
				all.addAll(mail[0].mails());
			}
			return all;
		});
		System.out.println("ready " + sandbox.baseUrl());
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null; line = in.readLine()) {
			String[] words = line.strip().split("\\s+");
			switch (words[0]) {
				case "mail-stop" -> {
					earlier.addAll(mail[0].mails());
					mail[0].close();
					mail[0] = null;
				}
				case "mail-start" -> mail[0] = LocalMailServer.start(smtpPort);
				case "tokens" -> sandbox.issuedTokenValues().forEach(System.out::println);
				case "delay" -> sandbox.faults().on(words[1], words[2]).delay(Duration.ofMillis(Long.parseLong(words[3])));
				case "fail" -> sandbox.faults().on(words[1], words[2]).respond(Integer.parseInt(words[3]), "{}");
				case "clear-faults" -> sandbox.faults().clear();
				case "quit" -> {
					sandbox.close();
					System.exit(0);
				}
				default -> System.out.println("unknown command " + line);
			}
			System.out.println("ok " + line.strip());
		}
	}

}
