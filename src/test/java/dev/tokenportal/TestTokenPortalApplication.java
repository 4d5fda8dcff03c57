package dev.tokenportal;

import java.util.Arrays;
import java.util.stream.Stream;

import dev.gitlabsandbox.GitLabSandbox;

import org.springframework.boot.SpringApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the portal on http://localhost:8080 with a real
 * PostgreSQL (Testcontainers, or embedded without Docker) and the GitLab sandbox on
 * http://localhost:8929, whose sign-in page lets you pick a demo user.
 *
 * @author Token Portal team
 */
public class TestTokenPortalApplication {

	/**
	 * Where the sandbox listens when run by hand; {@code -Dgitlab.sandbox.port} changes
	 * it.
	 */
	static final int SANDBOX_PORT = GitLabSandbox.DEFAULT_PORT;

	public static void main(String[] args) {
		GitLabSandbox sandbox = GitLabSandbox.start(Integer.getInteger("gitlab.sandbox.port", SANDBOX_PORT));
		Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "gitlab-sandbox-shutdown"));
		String[] arguments = Stream
			.concat(Arrays.stream(GitLabSandboxConfiguration.portalArguments(sandbox)), Arrays.stream(args))
			.toArray(String[]::new);
		SpringApplication.from(TokenPortalApplication::main).with(TestcontainersConfiguration.class).run(arguments);
	}

}
