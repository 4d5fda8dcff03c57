package dev.tokenportal.requests;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import org.springframework.boot.cache.autoconfigure.CacheManagerCustomizer;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

/**
 * The GitLab facts a preview needs, per requester and target, remembered for
 * {@link #TIME_TO_LIVE}: the target, the requester's membership of it (or why it is not
 * allowed) and how many Owners could approve. Someone changing scopes, level or dates on
 * one target costs GitLab nothing after the first preview. A submit never reads this: it
 * asks GitLab itself.
 *
 * @author Token Portal team
 */
@Component
class PreviewFacts {

	static final String CACHE = "requests-preview-facts";

	static final Duration TIME_TO_LIVE = Duration.ofSeconds(60);

	// two entries per requester and target
	static final int MAX_ENTRIES = 50_000;

	private final Cache facts;

	PreviewFacts(CacheManager caches) {
		this.facts = Objects.requireNonNull(caches.getCache(CACHE));
	}

	/**
	 * Whether the facts of a target are at hand, so a preview costs GitLab nothing.
	 * @param requesterId the requester
	 * @param type project or group
	 * @param id the target's id
	 * @return {@code true} when remembered
	 */
	boolean known(long requesterId, GitLabResource type, long id) {
		return this.facts.get(new Key(requesterId, type, id)) != null;
	}

	/**
	 * The target and the requester's membership, asked of GitLab when not remembered.
	 * @param requesterId the requester
	 * @param type project or group
	 * @param id the target's id
	 * @param ask asks GitLab
	 * @return the target and membership
	 * @throws TargetNotAllowedException when the target is not allowed, remembered too
	 * @throws dev.tokenportal.gitlab.GitLabException when GitLab could not say (nothing
	 * is remembered)
	 */
	Membership membership(long requesterId, GitLabResource type, long id, Supplier<Membership> ask) {
		Fact fact = get(new Key(requesterId, type, id), () -> {
			try {
				return new Fact(ask.get(), null);
			}
			catch (TargetNotAllowedException ex) {
				return new Fact(null, ex.problem());
			}
		});
		if (fact.refusal() != null) {
			MessageSourceResolvable problem = fact.refusal();
			throw new TargetNotAllowedException(Objects.requireNonNull(problem.getCodes())[0],
					(problem.getArguments() != null) ? problem.getArguments() : new Object[0]);
		}
		return Objects.requireNonNull(fact.membership());
	}

	/**
	 * How many Owners besides the requester could approve, asked of GitLab when not
	 * remembered.
	 * @param requesterId the requester
	 * @param target the target
	 * @param count asks GitLab
	 * @return the number
	 */
	long eligibleOwners(long requesterId, GitLabTarget target, LongSupplier count) {
		return get(new OwnersKey(requesterId, target.resource(), target.id()), count::getAsLong);
	}

	private <T> T get(Object key, Callable<T> loader) {
		try {
			return Objects.requireNonNull(this.facts.get(key, loader));
		}
		catch (Cache.ValueRetrievalException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * A target and the requester's effective membership of it, as GitLab reported them.
	 *
	 * @param target the target
	 * @param member the membership
	 */
	record Membership(GitLabTarget target, GitLabMember member) {
	}

	private record Fact(@Nullable Membership membership, @Nullable MessageSourceResolvable refusal) {
	}

	/** Ids only: nothing secret in a key. */
	private record Key(long requesterId, GitLabResource type, long id) {
	}

	private record OwnersKey(long requesterId, GitLabResource type, long id) {
	}

	@Configuration(proxyBeanMethods = false)
	static class CacheConfiguration {

		@Bean
		CacheManagerCustomizer<CaffeineCacheManager> previewFactsCache() {
			return (caches) -> caches.registerCustomCache(CACHE,
					Caffeine.newBuilder().expireAfterWrite(TIME_TO_LIVE).maximumSize(MAX_ENTRIES).build());
		}

	}

}
