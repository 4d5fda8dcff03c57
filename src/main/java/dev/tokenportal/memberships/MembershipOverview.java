package dev.tokenportal.memberships;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

import dev.tokenportal.gitlab.GitLabGroup;
import dev.tokenportal.gitlab.GitLabPage;
import dev.tokenportal.gitlab.GitLabProject;
import dev.tokenportal.gitlab.GitLabUser;

/**
 * What the home page shows: who the user is in GitLab and one page each of their projects
 * and groups. When GitLab could not answer, the parts it did not answer are {@code null}
 * and {@code problem} says why, as a code the page resolves.
 *
 * @param profile the user's GitLab profile
 * @param projects a page of their projects
 * @param groups a page of their groups
 * @param search the filter applied to both lists, or {@code null}
 * @param problem what went wrong with GitLab, or {@code null}
 * @author Token Portal team
 */
public record MembershipOverview(@Nullable GitLabUser profile, @Nullable GitLabPage<GitLabProject> projects,
		@Nullable GitLabPage<GitLabGroup> groups, @Nullable String search, @Nullable MessageSourceResolvable problem) {

}
