package dev.tokenportal.gitlab;

import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What the portal does in GitLab with its service account: check memberships live, and
 * create, list, revoke and rotate project and group access tokens. Creates and rotations
 * are never retried (GitLab makes a new token each time); a lost answer surfaces as
 * {@link GitLabOutcomeUnknownException} for the caller to reconcile.
 *
 * @author Token Portal team
 */
@Component
public class GitLabTokenClient {

	private static final int PAGE_SIZE = 100;

	private final GitLabAccessTokensApi tokens;

	private final GitLabMembersApi members;

	private final GitLabCalls calls;

	private final String baseUrl;

	private final GitLabParallel parallel;

	GitLabTokenClient(GitLabAccessTokensApi tokens, GitLabMembersApi members, GitLabCalls calls,
			GitLabProperties properties, GitLabParallel parallel) {
		this.tokens = tokens;
		this.members = members;
		this.calls = calls;
		this.baseUrl = properties.baseUrl();
		this.parallel = parallel;
	}

	/**
	 * A user's effective membership in a target, asked of GitLab now.
	 * @param target the project or group
	 * @param userId the GitLab user
	 * @return the membership, or empty when the user is not a member
	 */
	public Optional<GitLabMember> effectiveMember(GitLabTarget target, long userId) {
		try {
			return Optional.of(this.calls.read("Checking " + target.fullPath() + "'s members",
					() -> this.members.effectiveMember(target.resource().collection(), target.id(), userId)));
		}
		catch (GitLabNotFoundException notAMember) {
			return Optional.empty();
		}
	}

	/**
	 * A user's effective membership in each of several targets, asked of GitLab now, a
	 * few calls at a time.
	 * @param targets the projects and groups
	 * @param userId the GitLab user
	 * @return each target's membership, empty where the user is not a member
	 * @throws GitLabException the first failure, once every call has ended
	 */
	public Map<GitLabTarget, Optional<GitLabMember>> effectiveMembers(Collection<GitLabTarget> targets, long userId) {
		List<GitLabTarget> each = List.copyOf(new LinkedHashSet<>(targets));
		List<Optional<GitLabMember>> found = this.parallel.all(each.stream()
			.<Supplier<Optional<GitLabMember>>>map((target) -> () -> effectiveMember(target, userId))
			.toList());
		Map<GitLabTarget, Optional<GitLabMember>> memberships = new LinkedHashMap<>();
		for (int i = 0; i < each.size(); i++) {
			memberships.put(each.get(i), found.get(i));
		}
		return memberships;
	}

	/**
	 * Everyone with access to a target, each with their effective (highest) membership,
	 * asked of GitLab now (all pages).
	 * @param target the project or group
	 * @return the members, token bots and blocked users included
	 */
	public List<GitLabMember> members(GitLabTarget target) {
		return this.calls.read("Listing the members of " + target.fullPath(), () -> {
			List<GitLabMember> all = new ArrayList<>();
			Integer page = 1;
			while (page != null) {
				int current = page;
				ResponseEntity<List<GitLabMember>> response = this.members.allMembers(target.resource().collection(),
						target.id(), current, PAGE_SIZE);
				GitLabPage<GitLabMember> members = GitLabPage.of(response, current, PAGE_SIZE);
				all.addAll(members.items());
				page = members.nextPage();
			}
			return all;
		});
	}

	/**
	 * The portal's service account as GitLab sees it, asked now (it may have lost its
	 * administrator rights since the last call).
	 * @return the account, with {@link GitLabUser#admin()}
	 */
	public GitLabUser serviceAccount() {
		return this.calls.read("Reading the portal's own GitLab account", this.members::serviceAccount);
	}

	/**
	 * A user's account, asked of GitLab now.
	 * @param userId the GitLab user
	 * @return the account, or empty when GitLab no longer knows the user (deleted)
	 */
	public Optional<GitLabAccount> account(long userId) {
		try {
			return Optional.of(this.calls.read("Checking GitLab user " + userId, () -> this.members.account(userId)));
		}
		catch (GitLabNotFoundException deleted) {
			return Optional.empty();
		}
	}

	/**
	 * The e-mail address GitLab shows the service account for a user: the primary one
	 * when the account is an administrator, else the user's public one (gitlab-api.md
	 * §14).
	 * @param userId the GitLab user
	 * @return the address, or empty when GitLab shows none or no longer knows the user
	 */
	public Optional<String> visibleEmail(long userId) {
		return account(userId).map(GitLabAccount::visibleEmail);
	}

	/**
	 * The top-level groups the service account can see, by path (all pages).
	 * @return the groups
	 */
	public List<GitLabGroup> topLevelGroups() {
		return this.calls.read("Listing the top-level groups", () -> {
			List<GitLabGroup> all = new ArrayList<>();
			Integer page = 1;
			while (page != null) {
				int current = page;
				GitLabPage<GitLabGroup> groups = GitLabPage.of(this.members.topLevelGroups(current, PAGE_SIZE), current,
						PAGE_SIZE);
				all.addAll(groups.items());
				page = groups.nextPage();
			}
			return all;
		});
	}

	/**
	 * A user's effective membership in a group given by its full path, asked of GitLab
	 * now.
	 * @param groupPath e.g. {@code security/auditors}
	 * @param userId the GitLab user
	 * @return the membership, or empty when the user is not a member or the group does
	 * not exist
	 */
	public Optional<GitLabMember> groupMember(String groupPath, long userId) {
		URI uri = UriComponentsBuilder.fromUriString(this.baseUrl)
			.pathSegment("api", "v4", "groups", groupPath, "members", "all", String.valueOf(userId))
			.build()
			.encode()
			.toUri();
		try {
			return Optional
				.of(this.calls.read("Checking " + groupPath + "'s members", () -> this.members.memberAt(uri)));
		}
		catch (GitLabNotFoundException notAMember) {
			return Optional.empty();
		}
	}

	/**
	 * Looks a target up by id.
	 * @param resource project or group
	 * @param id its GitLab id
	 * @return the target with its full path
	 */
	public GitLabTarget target(GitLabResource resource, long id) {
		return this.calls.read("Looking up " + resource.name().toLowerCase() + " " + id,
				() -> (resource == GitLabResource.PROJECT)
						? new GitLabTarget(resource, id, this.members.project(id).pathWithNamespace())
						: new GitLabTarget(resource, id, this.members.group(id).fullPath()));
	}

	/**
	 * Looks a project, or else a group, up by its full path.
	 * @param fullPath e.g. {@code platform/backend/api}
	 * @return the target, or empty when GitLab knows neither
	 */
	public Optional<GitLabTarget> targetAt(String fullPath) {
		try {
			GitLabProject project = this.calls.read("Looking up " + fullPath,
					() -> this.members.projectAt(resourceUri("projects", fullPath)));
			return Optional.of(new GitLabTarget(GitLabResource.PROJECT, project.id(), project.pathWithNamespace()));
		}
		catch (GitLabNotFoundException notAProject) {
			try {
				GitLabGroup group = this.calls.read("Looking up " + fullPath,
						() -> this.members.groupAt(resourceUri("groups", fullPath)));
				return Optional.of(new GitLabTarget(GitLabResource.GROUP, group.id(), group.fullPath()));
			}
			catch (GitLabNotFoundException notAGroup) {
				return Optional.empty();
			}
		}
	}

	private URI resourceUri(String collection, String fullPath) {
		// one path segment, so the slashes are encoded as GitLab requires
		return UriComponentsBuilder.fromUriString(this.baseUrl)
			.pathSegment("api", "v4", collection, fullPath)
			.build()
			.encode()
			.toUri();
	}

	/**
	 * Creates a token. Never retried.
	 * @param target the project or group
	 * @param token what to create
	 * @return the token with its value
	 * @throws GitLabRefusedException when GitLab refuses, with its reason
	 * @throws GitLabOutcomeUnknownException when the answer was lost
	 */
	public CreatedAccessToken create(GitLabTarget target, NewAccessToken token) {
		return this.calls
			.change("Creating the token in " + target.fullPath(),
					() -> this.tokens.create(target.resource().collection(), target.id(), token))
			.toCreated();
	}

	/**
	 * Every token of a target, revoked and expired ones included (all pages).
	 * @param target the project or group
	 * @return the tokens
	 */
	public List<GitLabAccessToken> list(GitLabTarget target) {
		return this.calls.read("Listing the tokens of " + target.fullPath(), () -> {
			List<GitLabAccessToken> all = new ArrayList<>();
			Integer page = 1;
			while (page != null) {
				int current = page;
				ResponseEntity<List<GitLabAccessToken>> response = this.tokens.list(target.resource().collection(),
						target.id(), current, PAGE_SIZE);
				GitLabPage<GitLabAccessToken> tokens = GitLabPage.of(response, current, PAGE_SIZE);
				all.addAll(tokens.items());
				page = tokens.nextPage();
			}
			return all;
		});
	}

	/**
	 * Revokes a token. A token GitLab no longer knows (404; older GitLab forgets revoked
	 * tokens) counts as revoked.
	 * @param target the project or group
	 * @param tokenId GitLab's token id
	 * @return {@code true} if GitLab revoked it now, {@code false} if it was already gone
	 */
	public boolean revoke(GitLabTarget target, long tokenId) {
		try {
			this.calls.read("Revoking token " + tokenId + " of " + target.fullPath(),
					() -> this.tokens.revoke(target.resource().collection(), target.id(), tokenId));
			return true;
		}
		catch (GitLabNotFoundException alreadyGone) {
			return false;
		}
	}

	/**
	 * Rotates a token with GitLab's rotate endpoint: a new token (new id and value, same
	 * name and scopes), the old one revoked. Never retried.
	 * @param target the project or group
	 * @param tokenId the token to rotate
	 * @param expiresAt the new token's expiry
	 * @return the new token with its value
	 * @throws GitLabNotFoundException when the instance has no rotate endpoint (before
	 * 16.0) or does not know the token
	 */
	public CreatedAccessToken rotate(GitLabTarget target, long tokenId, LocalDate expiresAt) {
		return this.calls
			.change("Rotating token " + tokenId + " of " + target.fullPath(),
					() -> this.tokens.rotate(target.resource().collection(), target.id(), tokenId,
							Map.of("expires_at", expiresAt)))
			.toCreated();
	}

}
