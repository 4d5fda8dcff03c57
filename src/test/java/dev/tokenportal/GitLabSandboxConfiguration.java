package dev.tokenportal;

import dev.gitlabsandbox.GitLabSandbox;
import dev.gitlabsandbox.SandboxSeed;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Points the portal at the GitLab sandbox: one sandbox per JVM on a free port, shared by
 * every test context (tests call {@link GitLabSandbox#reset()} to start from the seed).
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
public class GitLabSandboxConfiguration {

	private static GitLabSandbox shared;

	/**
	 * The JVM's sandbox, started on first use and closed with the JVM.
	 * @return the sandbox
	 */
	public static synchronized GitLabSandbox sharedSandbox() {
		if (shared == null) {
			GitLabSandbox sandbox = GitLabSandbox.start(0);
			Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "gitlab-sandbox-shutdown"));
			shared = sandbox;
		}
		return shared;
	}

	/**
	 * The settings that connect the portal to a sandbox, as command-line style arguments.
	 * @param sandbox the sandbox
	 * @return {@code --key=value} arguments
	 */
	public static String[] portalArguments(GitLabSandbox sandbox) {
		return new String[] { "--portal.gitlab.url=" + sandbox.baseUrl(),
				"--portal.gitlab.client-id=" + SandboxSeed.CLIENT_ID,
				"--portal.gitlab.client-secret=" + SandboxSeed.CLIENT_SECRET,
				"--portal.gitlab.service-token=" + SandboxSeed.SERVICE_TOKEN };
	}

	// shared across contexts: a context that closes must not stop it
	@Bean(destroyMethod = "")
	GitLabSandbox gitLabSandbox() {
		return sharedSandbox();
	}

	@Bean
	DynamicPropertyRegistrar gitLabSandboxProperties(GitLabSandbox sandbox) {
		return (registry) -> {
			registry.add("portal.gitlab.url", sandbox::baseUrl);
			registry.add("portal.gitlab.client-id", () -> SandboxSeed.CLIENT_ID);
			registry.add("portal.gitlab.client-secret", () -> SandboxSeed.CLIENT_SECRET);
			registry.add("portal.gitlab.service-token", () -> SandboxSeed.SERVICE_TOKEN);
		};
	}

}
