package dev.gitlabsandbox;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Project and group CI/CD variables (gitlab-api.md §12): list, get, create, update,
 * delete. The role is checked before the parameters (§12.6: 401, scope 403, 404 resource,
 * 403 role, 400 params, 404 variable or 409, 400 model errors); hidden variables never
 * show their value (§12.5).
 *
 * @author Token Portal team
 */
final class VariablesEndpoints {

	static final String KEY_MESSAGE = "can contain only letters, digits and '_'.";

	static final String SCOPE_MESSAGE = "can contain only letters, digits, '-', '_', '/', '$', '{', '}', '.', '*' and spaces";

	static final String CONFLICT_MESSAGE = "There are multiple variables with provided parameters. Please use 'filter[environment_scope]'";

	static final String HIDDEN_CHANGE_MESSAGE = "The visibility setting cannot be changed for masked and hidden variables.";

	private static final int MAX_LENGTH = 255;

	private static final String TOO_LONG = "is too long (maximum is 255 characters)";

	private static final Pattern KEY = Pattern.compile("[a-zA-Z0-9_]+");

	/** {@code Ci::Maskable::REGEX}: the Base64 alphabet plus {@code @ : . ~}. */
	private static final Pattern MASKABLE = Pattern.compile("[a-zA-Z0-9_+=/@:.~-]{8,}");

	/** {@code Ci::Maskable::MASK_AND_RAW_REGEX}: any non-blank character. */
	private static final Pattern MASKABLE_RAW = Pattern.compile("\\S{8,}");

	private static final Pattern SCOPE = Pattern.compile("[a-zA-Z0-9_/${}. \\-*]+");

	private static final Set<String> TYPES = Set.of("env_var", "file");

	/** What ActiveRecord casts to false; any other non-blank string is true. */
	private static final Set<String> FALSE_STRINGS = Set.of("false", "f", "0", "off");

	private final SandboxState state;

	private final SandboxSettings settings;

	private final Policies policies;

	VariablesEndpoints(SandboxState state, SandboxSettings settings, Policies policies) {
		this.state = state;
		this.settings = settings;
		this.policies = policies;
	}

	void register(Router router) {
		for (String type : List.of("projects", "groups")) {
			String base = "/api/v4/" + type + "/{id}/variables";
			router.get(base, this::listVariables);
			router.get(base + "/{key}", this::showVariable);
			router.post(base, this::createVariable);
			router.put(base + "/{key}", this::updateVariable);
			router.delete(base + "/{key}", this::deleteVariable);
		}
	}

	private SandboxResponse listVariables(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		return Pagination.page(request, this.state.variableStore().of(source).stream().map(this::entity).toList());
	}

	private SandboxResponse showVariable(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		String filter = filterScope(request);
		return SandboxResponse.json(200, entity(find(source, request.pathVariable("key"), filter)));
	}

	private SandboxResponse createVariable(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		boolean group = !source.isProject();
		GrapeParams params = new GrapeParams(request.params());
		String key = params.requiredString("key");
		String value = params.requiredString("value");
		Boolean isProtected = flag(params, "protected", group);
		Boolean masked = flag(params, "masked", group);
		// before 17.4 the parameter is unknown, and Grape drops unknown parameters
		Boolean maskedAndHidden = this.settings.hiddenVariablesAvailable() ? params.optionalBoolean("masked_and_hidden")
				: null;
		Boolean raw = flag(params, "raw", group);
		String variableType = params.optionalValue("variable_type", TYPES);
		String environmentScope = params.optionalString("environment_scope");
		String description = params.optionalString("description");
		params.validate();
		boolean hidden = Boolean.TRUE.equals(maskedAndHidden);
		SandboxVariable variable = new SandboxVariable(0, source, String.valueOf(key).strip(), String.valueOf(value),
				(variableType != null) ? variableType : "env_var", Boolean.TRUE.equals(isProtected),
				hidden || Boolean.TRUE.equals(masked), hidden, Boolean.TRUE.equals(raw),
				(environmentScope != null) ? environmentScope.strip() : "*", description, this.state.now());
		Map<String, List<String>> errors = modelErrors(variable, true);
		int limit = this.settings.ciVariablesLimit();
		if (limit > 0 && this.state.variableStore().of(source).size() >= limit) {
			add(errors, "base",
					"Maximum number of " + source.type().label() + " ci variables (" + limit + ") exceeded");
		}
		if (!errors.isEmpty()) {
			throw GitLabErrors.modelErrors(errors);
		}
		return SandboxResponse.json(201, entity(this.state.variableStore().add(variable)));
	}

	private SandboxResponse updateVariable(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		boolean group = !source.isProject();
		// the key of the path names the variable; a key in the body is dropped
		GrapeParams params = new GrapeParams(request.params());
		String value = params.optionalString("value");
		Boolean isProtected = flag(params, "protected", group);
		Boolean masked = flag(params, "masked", group);
		Boolean raw = flag(params, "raw", group);
		String variableType = params.optionalValue("variable_type", TYPES);
		String environmentScope = params.optionalString("environment_scope");
		String description = params.optionalString("description");
		String filter = filterScope(request);
		params.validate();
		String key = request.pathVariable("key");
		// for backward compatibility a group PUT without filter takes the first match
		// (§12.7)
		SandboxVariable variable = (group && filter == null) ? first(source, key) : find(source, key, filter);
		SandboxVariable updated = new SandboxVariable(variable.id(), source, variable.key(),
				(value != null) ? value : variable.value(),
				(variableType != null) ? variableType : variable.variableType(),
				(isProtected != null) ? isProtected : variable.isProtected(),
				(masked != null) ? masked : variable.masked(), variable.hidden(), (raw != null) ? raw : variable.raw(),
				(environmentScope != null) ? environmentScope.strip() : variable.environmentScope(),
				(description != null) ? description : variable.description(), this.state.now());
		Map<String, List<String>> errors = modelErrors(updated, false);
		if (variable.hidden() && updated.masked() != variable.masked()) {
			add(errors, "base", HIDDEN_CHANGE_MESSAGE);
		}
		if (!errors.isEmpty()) {
			throw GitLabErrors.modelErrors(errors);
		}
		this.state.variableStore().put(updated);
		return SandboxResponse.json(200, entity(updated));
	}

	private SandboxResponse deleteVariable(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		String filter = filterScope(request);
		SandboxVariable variable = find(source, request.pathVariable("key"), filter);
		if (!source.isProject() && modifiedSince(variable, request.header("If-Unmodified-Since"))) {
			throw GitLabErrors.message(412, "412 Precondition Failed");
		}
		this.state.variableStore().remove(variable.id());
		return SandboxResponse.empty(204);
	}

	/**
	 * The project or group of the path, if the caller administers its variables: 404 when
	 * it is not visible, 403 below Maintainer (project) or Owner (group), before any
	 * parameter is looked at.
	 */
	private SourceRef administeredResource(SandboxRequest request) {
		String id = request.pathVariable("id");
		Caller caller = request.caller();
		SourceRef source = request.rawPath().startsWith("/api/v4/projects/")
				? SourceRef.project(this.policies.project(caller, id).id())
				: SourceRef.group(this.policies.group(caller, id).id());
		int required = source.isProject() ? AccessLevels.MAINTAINER : AccessLevels.OWNER;
		if (this.policies.level(caller, source) < required) {
			throw GitLabErrors.message(403, "403 Forbidden");
		}
		return source;
	}

	/**
	 * {@code find_variable}: the one variable with the key (and the filter's scope), 409
	 * when several match, 404 when none does.
	 */
	private SandboxVariable find(SourceRef source, String key, @Nullable String scope) {
		List<SandboxVariable> matches = this.state.variableStore()
			.withKey(source, key)
			.stream()
			.filter((variable) -> scope == null || variable.environmentScope().equals(scope))
			.toList();
		if (matches.size() > 1) {
			throw GitLabErrors.message(409, CONFLICT_MESSAGE);
		}
		if (matches.isEmpty()) {
			throw notFound(source);
		}
		return matches.get(0);
	}

	private SandboxVariable first(SourceRef source, String key) {
		return this.state.variableStore().withKey(source, key).stream().findFirst().orElseThrow(() -> notFound(source));
	}

	private static ApiError notFound(SourceRef source) {
		return GitLabErrors.notFound(source.isProject() ? "Variable" : "GroupVariable");
	}

	/**
	 * The validations of {@code Ci::Variable} and {@code Ci::GroupVariable}
	 * (gitlab-api.md §12.4), by attribute in the order the model adds them. The plan
	 * limit and the hidden-variable rules of updates are added by the caller.
	 */
	private Map<String, List<String>> modelErrors(SandboxVariable variable, boolean creating) {
		Map<String, List<String>> errors = new LinkedHashMap<>();
		String key = variable.key();
		if (key.isBlank()) {
			add(errors, "key", "can't be blank");
		}
		if (key.length() > MAX_LENGTH) {
			add(errors, "key", TOO_LONG);
		}
		if (!KEY.matcher(key).matches()) {
			add(errors, "key", KEY_MESSAGE);
		}
		boolean taken = this.state.variableStore()
			.withKey(variable.source(), key)
			.stream()
			.anyMatch((other) -> other.id() != variable.id()
					&& other.environmentScope().equals(variable.environmentScope()));
		if (taken) {
			add(errors, "key", "(" + key + ") has already been taken");
		}
		if (variable.masked() && !(variable.raw() ? MASKABLE_RAW : MASKABLE).matcher(variable.value()).matches()) {
			add(errors, "value", "is invalid");
		}
		if (variable.description() != null && variable.description().length() > MAX_LENGTH) {
			add(errors, "description", TOO_LONG);
		}
		if (variable.environmentScope().isBlank()) {
			add(errors, "environment_scope", "can't be blank");
		}
		if (!SCOPE.matcher(variable.environmentScope()).matches()) {
			add(errors, "environment_scope", SCOPE_MESSAGE);
		}
		if (creating && variable.hidden() && !variable.masked()) {
			add(errors, "masked", "should be true when variable is hidden");
		}
		return errors;
	}

	private static void add(Map<String, List<String>> errors, String attribute, String message) {
		errors.computeIfAbsent(attribute, (name) -> new ArrayList<>()).add(message);
	}

	/**
	 * A Boolean parameter of the project API, or a String one of the group API that the
	 * model casts: {@code "false"}, {@code "f"}, {@code "0"}, {@code "off"} are false,
	 * anything else is true.
	 */
	private static @Nullable Boolean flag(GrapeParams params, String name, boolean group) {
		if (!group) {
			return params.optionalBoolean(name);
		}
		String value = params.optionalString(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		return !FALSE_STRINGS.contains(value.toLowerCase(Locale.ROOT));
	}

	/**
	 * {@code filter[environment_scope]}, from the query string or a JSON body's
	 * {@code filter} object.
	 */
	private static @Nullable String filterScope(SandboxRequest request) {
		RequestParams params = request.params();
		if (params.get("filter[environment_scope]") instanceof String scope) {
			return scope;
		}
		if (params.get("filter") instanceof JsonNode filter && filter.isObject()
				&& filter.get("environment_scope") != null && filter.get("environment_scope").isString()) {
			return filter.get("environment_scope").asString();
		}
		return null;
	}

	/**
	 * {@code check_unmodified_since!}: the variable changed after the given time; an
	 * unreadable date is ignored.
	 */
	private static boolean modifiedSince(SandboxVariable variable, @Nullable String ifUnmodifiedSince) {
		if (ifUnmodifiedSince == null) {
			return false;
		}
		try {
			Instant since = Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(ifUnmodifiedSince));
			return variable.updatedAt().isAfter(since);
		}
		catch (DateTimeParseException ex) {
			return false;
		}
	}

	/**
	 * {@code Entities::Ci::Variable}: a hidden variable's value is {@code null} in every
	 * response; {@code hidden} exists since 17.4.
	 */
	private Map<String, Object> entity(SandboxVariable variable) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("variable_type", variable.variableType());
		body.put("key", variable.key());
		body.put("value", variable.hidden() ? null : variable.value());
		if (this.settings.hiddenVariablesAvailable()) {
			body.put("hidden", variable.hidden());
		}
		body.put("protected", variable.isProtected());
		body.put("masked", variable.masked());
		body.put("raw", variable.raw());
		body.put("environment_scope", variable.environmentScope());
		body.put("description", variable.description());
		@SuppressWarnings("unchecked")
		Map<String, Object> entity = (Map<String, Object>) (Map<String, ?>) body;
		return entity;
	}

}
