package dev.tokenportal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxInbox;

/**
 * The stand-ins for a trial of the production jar (bench/run-production-trial.sh): the
 * GitLab sandbox on 8929, which also takes chat messages, and a local SMTP server on 3025,
 * in one process apart from the portal. Commands on standard input: {@code mail-stop},
 * {@code mail-start} (the server down for a while), {@code tokens} (prints every token
 * value GitLab issued, one per line, so the trial can look for them where they must not
 * be), {@code quit}. Other ports, for a bench that runs beside another on one machine:
 * {@code -Dstandins.gitlab-port=… -Dstandins.smtp-port=…}.
 *
 * @author Token Portal team
 */
public final class TrialStandIns {

	public static void main(String[] args) throws Exception {
		int smtpPort = Integer.getInteger("standins.smtp-port", 3025);
		GitLabSandbox sandbox = GitLabSandbox
			.start(Integer.getInteger("standins.gitlab-port", GitLabSandbox.DEFAULT_PORT));
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
			switch (line.strip()) {
				case "mail-stop" -> {
					earlier.addAll(mail[0].mails());
					mail[0].close();
					mail[0] = null;
				}
				case "mail-start" -> mail[0] = LocalMailServer.start(smtpPort);
				case "tokens" -> sandbox.issuedTokenValues().forEach(System.out::println);
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
