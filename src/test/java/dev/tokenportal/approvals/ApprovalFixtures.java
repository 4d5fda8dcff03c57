package dev.tokenportal.approvals;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import dev.gitlabsandbox.SandboxSeed;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.Tier;
import dev.tokenportal.requests.NewTokenRequest;
import dev.tokenportal.requests.TokenRequest;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.security.CurrentUser;
import dev.tokenportal.security.PortalRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's people as signed-in portal users, and requests of each tier submitted
 * through the real request service (GitLab membership check and policy included).
 *
 * @author Token Portal team
 */
final class ApprovalFixtures {

	static final CurrentUser ALICE = user(SandboxSeed.ALICE_ID, SandboxSeed.ALICE, "Alice Developer");

	static final CurrentUser BOB = user(SandboxSeed.BOB_ID, SandboxSeed.BOB, "Bob Owner");

	static final CurrentUser CAROL = user(SandboxSeed.CAROL_ID, SandboxSeed.CAROL, "Carol Owner");

	static final CurrentUser DAVE = new CurrentUser(SandboxSeed.DAVE_ID, SandboxSeed.DAVE, "Dave Auditor", null,
			Set.of(PortalRole.USER, PortalRole.AUDITOR));

	static final CurrentUser ERIN = new CurrentUser(SandboxSeed.ERIN_ID, SandboxSeed.ERIN, "Erin Admin", null,
			Set.of(PortalRole.USER, PortalRole.ADMIN));

	static final CurrentUser MALLORY = user(SandboxSeed.MALLORY_ID, SandboxSeed.MALLORY, "Mallory Outsider");

	private final TokenRequestService requests;

	private final JdbcTemplate jdbc;

	ApprovalFixtures(TokenRequestService requests, JdbcTemplate jdbc) {
		this.requests = requests;
		this.jdbc = jdbc;
	}

	/**
	 * A standard-tier request (write scope, Developer, 30 days): one Owner approves.
	 */
	TokenRequest standard(CurrentUser requester, long projectId) {
		TokenRequest request = submit(requester, projectId, 30, 30);
		assertThat(request.getTier()).as("policy tier").isEqualTo(Tier.STANDARD);
		assertThat(request.getRequiredApprovals()).isEqualTo(1);
		return request;
	}

	/**
	 * A high-tier request (lifetime over 90 days): two distinct Owners approve.
	 */
	TokenRequest high(CurrentUser requester, long projectId) {
		TokenRequest request = submit(requester, projectId, 30, 120);
		assertThat(request.getTier()).as("policy tier").isEqualTo(Tier.HIGH);
		assertThat(request.getRequiredApprovals()).isEqualTo(2);
		return request;
	}

	/**
	 * A high-tier group request (a group token that can write): two distinct Owners
	 * approve.
	 */
	TokenRequest highOnGroup(CurrentUser requester, long groupId) {
		TokenRequest request = submit(requester, GitLabResource.GROUP, groupId, 30, 30);
		assertThat(request.getTier()).as("policy tier").isEqualTo(Tier.HIGH);
		return request;
	}

	private TokenRequest submit(CurrentUser requester, long projectId, int accessLevel, int days) {
		return submit(requester, GitLabResource.PROJECT, projectId, accessLevel, days);
	}

	private TokenRequest submit(CurrentUser requester, GitLabResource type, long id, int accessLevel, int days) {
		LocalDate expiresOn = LocalDate.now(ZoneOffset.UTC).plusDays(days);
		return this.requests.submit(new NewTokenRequest(type, id, "ci-deploy", null, List.of("api"), accessLevel,
				expiresOn, "Deploys the service from CI", null), requester);
	}

	TokenRequest reload(UUID id) {
		return this.requests.get(id);
	}

	List<Map<String, Object>> approvalsOf(UUID requestId) {
		return this.jdbc.queryForList("select * from approval where request_id = ? order by id", requestId);
	}

	List<Map<String, Object>> auditOf(UUID requestId, String action) {
		return this.jdbc.queryForList("select * from audit_event where request_id = ? and action = ? order by seq",
				requestId, action);
	}

	/**
	 * Runs an action as if the user were signed in on this thread (the services check
	 * roles with {@code @PreAuthorize}).
	 */
	static <T> T as(CurrentUser user, Supplier<T> action) {
		SecurityContextHolder.getContext()
			.setAuthentication(new TestingAuthenticationToken(user.username(), null,
					user.roles().stream().map((role) -> "ROLE_" + role.name()).toArray(String[]::new)));
		try {
			return action.get();
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

	private static CurrentUser user(long id, String username, String name) {
		return new CurrentUser(id, username, name, null, Set.of(PortalRole.USER));
	}

}
