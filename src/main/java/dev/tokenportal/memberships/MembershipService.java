package dev.tokenportal.memberships;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabAccessDeniedException;
import dev.tokenportal.gitlab.GitLabClient;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabGroup;
import dev.tokenportal.gitlab.GitLabPage;
import dev.tokenportal.gitlab.GitLabProject;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import dev.tokenportal.gitlab.GitLabUser;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;

/**
 * Reads what GitLab says the signed-in user belongs to, with the user's own token, so
 * that GitLab's permissions (not the portal's guess) decide what they see.
 *
 * @author Token Portal team
 */
@Service
public class MembershipService {

	/** Items per page on the home page. */
	public static final int PAGE_SIZE = 20;

	private static final Logger logger = LoggerFactory.getLogger(MembershipService.class);

	private final GitLabClient gitlab;

	MembershipService(GitLabClient gitlab) {
		this.gitlab = gitlab;
	}

	/**
	 * The user's profile and one page each of their projects and groups. A GitLab failure
	 * does not fail the page: the overview says what could not be read.
	 * @param search a name or path filter for both lists, or {@code null}
	 * @param projectPage the page of projects, from 1
	 * @param groupPage the page of groups, from 1
	 * @return the overview
	 */
	public MembershipOverview overview(@Nullable String search, int projectPage, int groupPage) {
		String filter = (search == null || search.isBlank()) ? null : search.strip();
		try {
			GitLabUser profile = this.gitlab.currentUser();
			GitLabPage<GitLabProject> projects = this.gitlab.memberProjects(filter, projectPage, PAGE_SIZE);
			GitLabPage<GitLabGroup> groups = this.gitlab.memberGroups(filter, groupPage, PAGE_SIZE);
			return new MembershipOverview(profile, projects, groups, filter, null);
		}
		catch (GitLabException ex) {
			logger.warn("Could not read memberships from GitLab: {}", ex.getMessage());
			return new MembershipOverview(null, null, null, filter, explain(ex));
		}
	}

	private static MessageSourceResolvable explain(GitLabException ex) {
		if (ex instanceof GitLabUnavailableException unavailable) {
			if (unavailable.retryAfter() != null) {
				return problem("home.problem.busy", unavailable.retryAfter().toSeconds());
			}
			return problem("home.problem.unreachable");
		}
		if (ex instanceof GitLabAccessDeniedException) {
			return problem("home.problem.signIn");
		}
		return problem("home.problem.refused", String.valueOf(ex.getMessage()));
	}

	private static MessageSourceResolvable problem(String code, Object... args) {
		return new DefaultMessageSourceResolvable(new String[] { code }, args);
	}

}
