package dev.tokenportal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxInbox;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the portal on http://localhost:8080 with a real
 * PostgreSQL (Testcontainers, or embedded without Docker), the GitLab sandbox on
 * http://localhost:8929, whose sign-in page lets you pick a demo user, and a local SMTP
 * server on port 3025. Every e-mail and chat message the portal sends shows up at
 * http://localhost:8929/-/sandbox/inbox, and the CI/CD variables it writes (keys and
 * flags, never values) at http://localhost:8929/-/sandbox/variables. The demo data lives
 * as long as the run: the embedded PostgreSQL starts empty each time (in
 * {@code target/test-run-postgres}, stopping one a killed run left there).
 *
 * @author Token Portal team
 */
public class TestTokenPortalApplication {

	/**
	 * Where the sandbox listens when run by hand; {@code -Dgitlab.sandbox.port} changes
	 * it.
	 */
	static final int SANDBOX_PORT = GitLabSandbox.DEFAULT_PORT;

	/**
	 * Where the local mail server listens (GreenMail's usual SMTP port);
	 * {@code -Dgitlab.sandbox.smtp-port} changes it.
	 */
	static final int SMTP_PORT = 3025;

	/**
	 * Where an embedded PostgreSQL keeps its data: thrown away at each start, and where
	 * the next run finds a PostgreSQL that a killed run left behind.
	 */
	static final Path POSTGRES_DATA = Path.of("target", "test-run-postgres");

	public static void main(String[] args) {
		EmbeddedPostgres.keepIn(POSTGRES_DATA);
		GitLabSandbox sandbox = GitLabSandbox.start(Integer.getInteger("gitlab.sandbox.port", SANDBOX_PORT));
		Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "gitlab-sandbox-shutdown"));
		LocalMailServer mail = LocalMailServer.start(Integer.getInteger("gitlab.sandbox.smtp-port", SMTP_PORT));
		Runtime.getRuntime().addShutdownHook(new Thread(mail::close, "local-mail-server-shutdown"));
		SpringApplication.from(TokenPortalApplication::main)
			.with(TestcontainersConfiguration.class)
			.run(connect(sandbox, mail, args));
	}

	/**
	 * Shows the mail server's e-mails on the sandbox's inbox page and makes the portal
	 * send its e-mail there and its chat messages to the sandbox.
	 * @param sandbox the sandbox
	 * @param mail the mail server
	 * @param args the command-line arguments, which win over the defaults set here
	 * @return the portal's arguments
	 */
	static String[] connect(GitLabSandbox sandbox, LocalMailServer mail, String[] args) {
		sandbox.inbox().connect(mail::mails);
		List<String> defaults = new ArrayList<>(Arrays.asList(GitLabSandboxConfiguration.portalArguments(sandbox)));
		defaults.add("--spring.mail.host=" + LocalMailServer.HOST);
		defaults.add("--spring.mail.port=" + mail.port());
		defaults.add("--portal.chat.webhook-url=" + sandbox.baseUrl() + SandboxInbox.CHAT_PATH);
		// resolved by Spring, so that the links follow --server.port
		defaults.add("--portal.base-url=http://localhost:${server.port:8080}");
		return withDefaults(defaults, args);
	}

	/**
	 * Spring joins repeated options with commas, so a default the command line also sets
	 * is left out rather than overridden.
	 */
	private static String[] withDefaults(List<String> defaults, String[] args) {
		List<String> arguments = new ArrayList<>();
		for (String option : defaults) {
			String prefix = option.substring(0, option.indexOf('=') + 1);
			if (Arrays.stream(args).noneMatch((arg) -> arg.startsWith(prefix))) {
				arguments.add(option);
			}
		}
		arguments.addAll(Arrays.asList(args));
		return arguments.toArray(String[]::new);
	}

}
