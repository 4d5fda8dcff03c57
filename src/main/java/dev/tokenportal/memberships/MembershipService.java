package dev.tokenportal.memberships;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabAccessDeniedException;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabMemberships;
import dev.tokenportal.gitlab.GitLabUnavailableException;
import dev.tokenportal.gitlab.GitLabUser;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
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

	private final GitLabMemberships gitlab;

	MembershipService(GitLabMemberships gitlab) {
		this.gitlab = gitlab;
	}

	/**
	 * The user's profile and one page each of their projects and groups, both asked of
	 * GitLab at once. A GitLab failure does not fail the page: the overview says what
	 * could not be read.
	 * @param signedIn the user as GitLab described them at sign-in: asking again would
	 * tell the page nothing new
	 * @param search a name or path filter for both lists, or {@code null}
	 * @param projectPage the page of projects, from 1
	 * @param groupPage the page of groups, from 1
	 * @return the overview
	 */
	public MembershipOverview overview(OidcUser signedIn, @Nullable String search, int projectPage, int groupPage) {
		GitLabUser profile = profile(signedIn);
		String filter = (search == null || search.isBlank()) ? null : search.strip();
		try {
			GitLabMemberships.Pages pages = this.gitlab.pages(filter, projectPage, groupPage, PAGE_SIZE);
			return new MembershipOverview(profile, pages.projects(), pages.groups(), filter, null);
		}
		catch (GitLabException ex) {
			logger.warn("Could not read memberships from GitLab: {}", ex.getMessage());
			return new MembershipOverview(profile, null, null, filter, explain(ex));
		}
	}

	// whether the user is a GitLab administrator is not part of what sign-in tells
	private static GitLabUser profile(OidcUser signedIn) {
		String username = (signedIn.getPreferredUsername() != null) ? signedIn.getPreferredUsername()
				: String.valueOf(signedIn.getClaimAsString("nickname"));
		return new GitLabUser(Long.parseLong(signedIn.getSubject()), username,
				(signedIn.getFullName() != null) ? signedIn.getFullName() : username, signedIn.getPicture(),
				signedIn.getProfile(), null);
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
