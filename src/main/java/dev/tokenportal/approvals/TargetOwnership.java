package dev.tokenportal.approvals;

import java.util.stream.Collectors;

import dev.tokenportal.requests.TokenRequestService;

import dev.tokenportal.gitlab.OwnedTargets;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Caffeine;

import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * Which of the targets of pending requests a user is an active Owner of, for what pages
 * show (the queue, the header's count, "Waiting for you"). GitLab is asked about those
 * targets only, never about everything the user owns, so a page costs the same however
 * much they own: one membership call per target not asked about in the last
 * {@link #TIME_TO_LIVE}, a few at a time. A decision never reads this: it asks GitLab
 * itself ({@link ApproverEligibility}), and then forgets what was remembered here.
 *
 * @author Token Portal team
 */
@Component
class TargetOwnership {

	static final String CACHE = "approvals-ownership";

	static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

	// a user and a target per entry: 100,000 is a few MB
	static final int MAX_ENTRIES = 100_000;

	/** Targets asked about per page at most: 8 at a time, cached for a minute. */
	static final int MAX_PENDING_TARGETS = 200;

	private final GitLabTokenClient gitlab;

	private final TokenRequestService requests;

	private final Cache owners;

	TargetOwnership(GitLabTokenClient gitlab, TokenRequestService requests, CacheManager caches) {
		this.gitlab = gitlab;
		this.requests = requests;
		this.owners = Objects.requireNonNull(caches.getCache(CACHE));
	}

	/**
	 * Which projects and groups with someone else's pending request the user is an active
	 * Owner of: the oldest {@link #MAX_PENDING_TARGETS} such targets are asked about, so
	 * that a page stays bounded however many are pending.
	 * @param userId the GitLab user
	 * @return the owned targets, empty when nobody else has a pending request
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab could not say for a
	 * target not asked about lately
	 */
	OwnedTargets amongPending(long userId) {
		List<GitLabTarget> pending = this.requests.pendingTargets(userId, MAX_PENDING_TARGETS)
			.stream()
			.map((target) -> new GitLabTarget(target.type(), target.id(), target.path()))
			.toList();
		if (pending.isEmpty()) {
			return new OwnedTargets(Set.of(), Set.of());
		}
		Set<GitLabTarget> owned = owned(userId, pending);
		return new OwnedTargets(ids(owned, GitLabResource.PROJECT), ids(owned, GitLabResource.GROUP));
	}

	private static Set<Long> ids(Set<GitLabTarget> targets, GitLabResource resource) {
		return targets.stream()
			.filter((target) -> target.resource() == resource)
			.map(GitLabTarget::id)
			.collect(Collectors.toSet());
	}

	/**
	 * Forgets whether the user owns the target, after they acted on it: GitLab has just
	 * been asked live.
	 * @param userId the GitLab user
	 * @param target the project or group
	 */
	void forget(long userId, GitLabTarget target) {
		this.owners.evict(new Key(userId, target.resource(), target.id()));
	}

	private Set<GitLabTarget> owned(long userId, Collection<GitLabTarget> targets) {
		Set<GitLabTarget> owned = new LinkedHashSet<>();
		List<GitLabTarget> unknown = new ArrayList<>();
		for (GitLabTarget target : new LinkedHashSet<>(targets)) {
			Boolean known = this.owners.get(new Key(userId, target.resource(), target.id()), Boolean.class);
			if (known == null) {
				unknown.add(target);
			}
			else if (known) {
				owned.add(target);
			}
		}
		if (!unknown.isEmpty()) {
			this.gitlab.effectiveMembers(unknown, userId).forEach((target, member) -> {
				boolean owner = member.map(GitLabMember::isActiveOwner).orElse(false);
				this.owners.put(new Key(userId, target.resource(), target.id()), owner);
				if (owner) {
					owned.add(target);
				}
			});
		}
		return owned;
	}

	/** Ids only: nothing secret in a key. */
	private record Key(long userId, GitLabResource resource, long targetId) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CacheConfiguration {

		@Bean
		CacheManagerCustomizer<CaffeineCacheManager> targetOwnershipCache() {
			return (caches) -> caches.registerCustomCache(CACHE,
					Caffeine.newBuilder().expireAfterWrite(TIME_TO_LIVE).maximumSize(MAX_ENTRIES).build());
		}

	}

}
