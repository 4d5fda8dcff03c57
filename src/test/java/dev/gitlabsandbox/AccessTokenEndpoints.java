package dev.gitlabsandbox;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * Project and group access tokens: list, get, create, revoke and rotate (gitlab-api.md
 * §2), with GitLab's per-verb denial statuses (§4.1) and check order (§1.1: params, then
 * lookup, then permission and business rules).
 *
 * @author Token Portal team
 */
final class AccessTokenEndpoints {

	private static final Map<String, Comparator<SandboxToken>> SORTS = Map.of("created_asc",
			Comparator.comparing(SandboxToken::createdAt), "created_desc",
			Comparator.comparing(SandboxToken::createdAt).reversed(), "expires_asc",
			nullsLast(SandboxToken::expiresAt, false), "expires_desc", nullsLast(SandboxToken::expiresAt, true),
			"last_used_asc", nullsLast(SandboxToken::lastUsedAt, false), "last_used_desc",
			nullsLast(SandboxToken::lastUsedAt, true), "name_asc", Comparator.comparing(SandboxToken::name),
			"name_desc", Comparator.comparing(SandboxToken::name).reversed(), "id_desc",
			Comparator.comparingLong(SandboxToken::id).reversed());

	/** Rotation without {@code expires_at} gives a week (gitlab-api.md §2.5). */
	private static final int ROTATION_DAYS = 7;

	private final SandboxState state;

	private final SandboxSettings settings;

	private final Policies policies;

	private final Entities entities;

	AccessTokenEndpoints(SandboxState state, SandboxSettings settings, Policies policies, Entities entities) {
		this.state = state;
		this.settings = settings;
		this.policies = policies;
		this.entities = entities;
	}

	void register(Router router) {
		for (String type : List.of("projects", "groups")) {
			String base = "/api/v4/" + type + "/{id}/access_tokens";
			router.get(base, this::listTokens);
			router.get(base + "/{token_id}", this::showToken);
			router.post(base, this::createToken);
			router.delete(base + "/{token_id}", this::revokeToken);
			router.post(base + "/{token_id}/rotate", this::rotateToken).enabledWhen(this.settings::rotateAvailable);
		}
	}

	private SandboxResponse listTokens(SandboxRequest request) {
		GrapeParams params = new GrapeParams(request.params());
		String stateFilter = params.optionalValue("state", Set.of("active", "inactive"));
		Boolean revoked = params.optionalBoolean("revoked");
		Instant createdBefore = params.optionalDateTime("created_before");
		Instant createdAfter = params.optionalDateTime("created_after");
		Instant lastUsedBefore = params.optionalDateTime("last_used_before");
		Instant lastUsedAfter = params.optionalDateTime("last_used_after");
		LocalDate expiresBefore = params.optionalDate("expires_before");
		LocalDate expiresAfter = params.optionalDate("expires_after");
		String search = params.optionalString("search");
		String sort = params.optionalString("sort");
		params.validate();
		SourceRef source = readableResource(request);
		LocalDate today = this.state.today();
		Stream<SandboxToken> tokens = this.state.resourceTokens(source).stream();
		tokens = tokens.filter((token) -> stateFilter == null || token.active(today) == stateFilter.equals("active"))
			.filter((token) -> revoked == null || token.revoked() == revoked)
			.filter((token) -> createdBefore == null || !token.createdAt().isAfter(createdBefore))
			.filter((token) -> createdAfter == null || !token.createdAt().isBefore(createdAfter))
			.filter((token) -> lastUsedBefore == null
					|| (token.lastUsedAt() != null && !token.lastUsedAt().isAfter(lastUsedBefore)))
			.filter((token) -> lastUsedAfter == null
					|| (token.lastUsedAt() != null && !token.lastUsedAt().isBefore(lastUsedAfter)))
			.filter((token) -> expiresBefore == null
					|| (token.expiresAt() != null && token.expiresAt().isBefore(expiresBefore)))
			.filter((token) -> expiresAfter == null
					|| (token.expiresAt() != null && !token.expiresAt().isBefore(expiresAfter)))
			.filter((token) -> search == null || nameMatches(token.name(), search));
		// An unknown sort is ignored; the default order is by id (§2.1).
		Comparator<SandboxToken> order = SORTS.getOrDefault((sort != null) ? sort : "",
				Comparator.comparingLong(SandboxToken::id));
		List<Entities.TokenEntity> page = tokens.sorted(order)
			.map((token) -> this.entities.accessToken(token, source, null))
			.toList();
		return Pagination.page(request, page);
	}

	private SandboxResponse showToken(SandboxRequest request) {
		SourceRef source = readableResource(request);
		SandboxToken token = findToken(request, source);
		return SandboxResponse.json(200, this.entities.accessToken(token, source, null));
	}

	private SandboxResponse createToken(SandboxRequest request) {
		GrapeParams params = new GrapeParams(request.params());
		String name = params.requiredString("name");
		String description = params.optionalString("description");
		List<String> scopes = params.requiredArray("scopes", this.settings.tokenScopes());
		Integer accessLevel = params.optionalInteger("access_level", AccessLevels.TOKEN_LEVELS);
		LocalDate expiresAt = params.optionalDate("expires_at");
		params.validate();
		Caller caller = request.caller();
		SourceRef source = resource(request);
		if (!this.policies.canManageTokens(caller, source)) {
			throw GitLabErrors
				.badRequest("User does not have permission to create " + source.type().label() + " access token");
		}
		int level = (accessLevel != null) ? accessLevel : AccessLevels.MAINTAINER;
		checkLevelCeiling(caller, source, level);
		LocalDate expiry = expiryOrDefault(expiresAt, this.settings.maxLifetimeDays());
		List<String> errors = new ArrayList<>();
		if (name.isBlank()) {
			errors.add("Name can't be blank");
		}
		if (scopes.isEmpty()) {
			errors.add("Scopes can't be blank");
		}
		expiryError(expiry).ifPresent(errors::add);
		if (!errors.isEmpty()) {
			throw GitLabErrors.badRequest(toSentence(errors));
		}
		SandboxUser bot = this.state.addBot(source, name, level, caller.id());
		return SandboxResponse.json(201, issue(source, bot.id(), name, description, scopes, expiry, null));
	}

	/**
	 * The ~17.x access-level checks of the create service (gitlab-api.md §2.3 step 2).
	 */
	private void checkLevelCeiling(Caller caller, SourceRef source, int level) {
		int callerLevel = this.policies.level(caller, source);
		if (source.isProject() && level == AccessLevels.OWNER && callerLevel < AccessLevels.OWNER) {
			throw GitLabErrors.badRequest("Could not provision owner access to project access token");
		}
		if (callerLevel < level) {
			throw GitLabErrors.badRequest(
					"Access level of the token can't be greater the access level of the user who created the token");
		}
	}

	private SandboxResponse revokeToken(SandboxRequest request) {
		Caller caller = request.caller();
		SourceRef source = resource(request);
		// The token is looked up before the permission check, so 404 wins over 400
		// (§2.4).
		SandboxToken token = findToken(request, source);
		if (!this.policies.canReadTokens(caller, source)) {
			SandboxUser bot = this.state.user(token.userId()).orElseThrow();
			throw GitLabErrors.badRequest(caller.user().name() + " cannot delete " + bot.name());
		}
		if (this.settings.revokeMode() == SandboxSettings.RevokeMode.LEGACY) {
			this.state.deleteBot(token.userId());
		}
		else {
			this.state.revokeToken(token.id());
		}
		return SandboxResponse.empty(204);
	}

	private SandboxResponse rotateToken(SandboxRequest request) {
		GrapeParams params = new GrapeParams(request.params());
		LocalDate expiresAt = params.optionalDate("expires_at");
		params.validate();
		Caller caller = request.caller();
		SourceRef source = resource(request);
		SandboxToken token = this.policies.canManageTokens(caller, source)
				? lookupToken(source, request.pathVariable("token_id")) : null;
		if (token == null) {
			throw caller.adminMode() ? GitLabErrors.notFound() : GitLabErrors.unauthorized();
		}
		if (token.revoked()) {
			throw GitLabErrors.badRequest("Token already revoked");
		}
		int botLevel = this.state.membership(source, token.userId()).orElseThrow().accessLevel();
		if (this.policies.level(caller, source) < botLevel) {
			throw GitLabErrors.badRequest("Not eligible to rotate token with access level higher than the user");
		}
		LocalDate expiry = expiryOrDefault(expiresAt, ROTATION_DAYS);
		Optional<String> expiryError = expiryError(expiry);
		if (expiryError.isPresent()) {
			throw GitLabErrors.badRequest(expiryError.get());
		}
		this.state.revokeToken(token.id());
		return SandboxResponse.json(200,
				issue(source, token.userId(), token.name(), token.description(), token.scopes(), expiry, token.id()));
	}

	/**
	 * Store a new token for a bot and remember its secret for leak checks.
	 * @return the response body, the only place the secret appears
	 */
	private Entities.TokenEntity issue(SourceRef source, long botId, String name, @Nullable String description,
			List<String> scopes, @Nullable LocalDate expiresAt, @Nullable Long previousTokenId) {
		String value = Secrets.accessTokenValue();
		TokenStore tokens = this.state.tokenStore();
		SandboxToken token = tokens.add(botId, name, description, scopes, expiresAt, previousTokenId, value,
				this.state.now());
		tokens.recordIssued(value);
		return this.entities.accessToken(token, source, value);
	}

	/**
	 * The project or group of the path, with the list/get permission: 401 when the caller
	 * can see the resource but not its tokens (§2.1).
	 */
	private SourceRef readableResource(SandboxRequest request) {
		SourceRef source = resource(request);
		if (!this.policies.canReadTokens(request.caller(), source)) {
			throw GitLabErrors.unauthorized();
		}
		return source;
	}

	private SourceRef resource(SandboxRequest request) {
		String id = request.pathVariable("id");
		if (request.rawPath().startsWith("/api/v4/projects/")) {
			return SourceRef.project(this.policies.project(request.caller(), id).id());
		}
		return SourceRef.group(this.policies.group(request.caller(), id).id());
	}

	private SandboxToken findToken(SandboxRequest request, SourceRef source) {
		String tokenId = request.pathVariable("token_id");
		SandboxToken token = lookupToken(source, tokenId);
		if (token == null) {
			String type = source.type().label();
			throw (this.settings.notFoundMessageStyle() == SandboxSettings.NotFoundMessageStyle.LEGACY)
					? GitLabErrors.notFound("Could not find " + type + " access token with token_id: " + tokenId)
					: GitLabErrors.notFound(type + " Access Token");
		}
		return token;
	}

	private @Nullable SandboxToken lookupToken(SourceRef source, String tokenId) {
		if (!Policies.isNumeric(tokenId)) {
			return null;
		}
		long id = Long.parseLong(tokenId);
		return this.state.resourceTokens(source).stream().filter((token) -> token.id() == id).findFirst().orElse(null);
	}

	/**
	 * The requested expiry, else today plus the default when expiry is required, else
	 * "never" (gitlab-api.md §11.5).
	 */
	private @Nullable LocalDate expiryOrDefault(@Nullable LocalDate requested, int defaultDays) {
		if (requested != null || !this.settings.expiryRequired()) {
			return requested;
		}
		return this.state.today().plusDays(defaultDays);
	}

	private Optional<String> expiryError(@Nullable LocalDate expiresAt) {
		LocalDate max = this.state.today().plusDays(this.settings.maxLifetimeDays());
		if (this.settings.expiryRequired() && expiresAt != null && expiresAt.isAfter(max)) {
			return Optional.of("Expires at must be before " + max);
		}
		return Optional.empty();
	}

	/**
	 * GitLab's name search: a substring for 3 or more characters, otherwise the whole
	 * name, both case-insensitive (§2.1).
	 */
	private static boolean nameMatches(String name, String search) {
		return (search.length() >= 3) ? name.toLowerCase(Locale.ROOT).contains(search.toLowerCase(Locale.ROOT))
				: name.equalsIgnoreCase(search);
	}

	/**
	 * Rails' {@code to_sentence}: "a", "a and b", "a, b, and c".
	 */
	static String toSentence(List<String> parts) {
		if (parts.size() < 3) {
			return String.join(" and ", parts);
		}
		return String.join(", ", parts.subList(0, parts.size() - 1)) + ", and " + parts.get(parts.size() - 1);
	}

	private static <T extends Comparable<T>> Comparator<SandboxToken> nullsLast(Function<SandboxToken, @Nullable T> key,
			boolean descending) {
		Comparator<T> natural = descending ? Comparator.<T>reverseOrder() : Comparator.<T>naturalOrder();
		return Comparator.comparing(key, Comparator.nullsLast(natural));
	}

}
