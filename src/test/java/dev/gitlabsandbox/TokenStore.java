package dev.gitlabsandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Personal, project and group access tokens by id, found by the digest of their value,
 * and the secrets handed out so far. Guarded by the {@link SandboxState} lock.
 *
 * @author Token Portal team
 */
final class TokenStore {

	private final Map<Long, SandboxToken> tokens = new TreeMap<>();

	private final List<String> issuedValues = new ArrayList<>();

	private long nextId = 1;

	List<SandboxToken> all() {
		return List.copyOf(this.tokens.values());
	}

	Optional<SandboxToken> get(long id) {
		return Optional.ofNullable(this.tokens.get(id));
	}

	Optional<SandboxToken> byValue(String value) {
		String digest = Secrets.sha256(value);
		return this.tokens.values().stream().filter((token) -> token.digest().equals(digest)).findFirst();
	}

	SandboxToken add(long userId, String name, @Nullable String description, List<String> scopes,
			@Nullable LocalDate expiresAt, @Nullable Long previousTokenId, String value, Instant now) {
		SandboxToken token = new SandboxToken(this.nextId++, userId, name, description, List.copyOf(scopes), now,
				expiresAt, false, null, Secrets.sha256(value), previousTokenId);
		this.tokens.put(token.id(), token);
		return token;
	}

	void startIdsAt(long id) {
		this.nextId = id;
	}

	void revoke(long id) {
		this.tokens.computeIfPresent(id, (key, token) -> token.revoke());
	}

	void markUsed(SandboxToken token, Instant now) {
		this.tokens.put(token.id(), token.usedAt(now));
	}

	/**
	 * Revoke every token of a rotation family, as GitLab does when a revoked token is
	 * presented on a rotate path (gitlab-api.md §2.5, reuse detection).
	 * @param token any member of the family
	 */
	void revokeFamily(SandboxToken token) {
		List<Long> family = new ArrayList<>(List.of(token.id()));
		for (int i = 0; i < family.size(); i++) {
			Long parent = family.get(i);
			this.tokens.values()
				.stream()
				.filter((candidate) -> parent.equals(candidate.previousTokenId()))
				.forEach((child) -> family.add(child.id()));
		}
		family.forEach(this::revoke);
	}

	void removeOwnedBy(long userId) {
		this.tokens.values().removeIf((token) -> token.userId() == userId);
	}

	/**
	 * Remember a secret handed out by create or rotate, for leak checks; kept across
	 * resets.
	 * @param value the secret
	 */
	void recordIssued(String value) {
		this.issuedValues.add(value);
	}

	List<String> issuedValues() {
		return List.copyOf(this.issuedValues);
	}

	void clear() {
		this.tokens.clear();
		this.nextId = 1;
	}

}
