package dev.gitlabsandbox;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A sandbox for one test class, started before its first test, back to the seed before
 * each test and closed after the last: {@code @RegisterExtension static final
 * RunningSandbox sandbox = new RunningSandbox();}.
 *
 * @author Token Portal team
 */
final class RunningSandbox implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

	private GitLabSandbox gitlab;

	private SandboxClient client;

	@Override
	public void beforeAll(ExtensionContext context) {
		this.gitlab = GitLabSandbox.start(0);
		this.client = new SandboxClient(this.gitlab);
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		this.gitlab.reset();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.gitlab.close();
	}

	GitLabSandbox gitlab() {
		return this.gitlab;
	}

	SandboxClient client() {
		return this.client;
	}

}
