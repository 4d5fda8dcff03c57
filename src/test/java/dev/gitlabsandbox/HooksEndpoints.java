package dev.gitlabsandbox;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Project and group webhooks (gitlab-api.md §13.1): list, get, create, update, delete.
 * Project hooks need Maintainer, group hooks Owner, checked before the parameters; the
 * secret token is never returned.
 *
 * @author Token Portal team
 */
final class HooksEndpoints {

	private static final List<String> PARAMETERS = List.of("url", "token", "name", "description", "push_events",
			"resource_access_token_events", "enable_ssl_verification");

	private final SandboxState state;

	private final Policies policies;

	HooksEndpoints(SandboxState state, Policies policies) {
		this.state = state;
		this.policies = policies;
	}

	void register(Router router) {
		for (String type : List.of("projects", "groups")) {
			String base = "/api/v4/" + type + "/{id}/hooks";
			router.get(base, this::listHooks);
			router.get(base + "/{hook_id}", this::showHook);
			router.post(base, this::createHook);
			router.put(base + "/{hook_id}", this::updateHook);
			router.delete(base + "/{hook_id}", this::deleteHook);
		}
	}

	private SandboxResponse listHooks(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		List<Map<String, Object>> hooks = this.state.hookStore()
			.of(source)
			.stream()
			.map(HooksEndpoints::entity)
			.toList();
		return Pagination.page(request, hooks);
	}

	private SandboxResponse showHook(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		return SandboxResponse.json(200, entity(findHook(request, source)));
	}

	private SandboxResponse createHook(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		GrapeParams params = new GrapeParams(request.params());
		String url = params.requiredString("url");
		String token = params.optionalString("token");
		String name = params.optionalString("name");
		String description = params.optionalString("description");
		Boolean pushEvents = params.optionalBoolean("push_events");
		Boolean tokenEvents = params.optionalBoolean("resource_access_token_events");
		Boolean sslVerification = params.optionalBoolean("enable_ssl_verification");
		params.validate();
		checkUrl(url);
		SandboxHook hook = this.state.hookStore()
			.add(new SandboxHook(0, source, url, token, name, description, !Boolean.FALSE.equals(pushEvents),
					Boolean.TRUE.equals(tokenEvents), !Boolean.FALSE.equals(sslVerification), this.state.now(),
					UUID.randomUUID().toString()));
		return SandboxResponse.json(201, entity(hook));
	}

	private SandboxResponse updateHook(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		SandboxHook hook = findHook(request, source);
		if (PARAMETERS.stream().noneMatch(request.params()::has)) {
			throw GitLabErrors.validation(List.of("No parameters provided"));
		}
		GrapeParams params = new GrapeParams(request.params());
		String url = params.optionalString("url");
		String token = params.optionalString("token");
		String name = params.optionalString("name");
		String description = params.optionalString("description");
		Boolean pushEvents = params.optionalBoolean("push_events");
		Boolean tokenEvents = params.optionalBoolean("resource_access_token_events");
		Boolean sslVerification = params.optionalBoolean("enable_ssl_verification");
		params.validate();
		if (url != null) {
			checkUrl(url);
		}
		// a new URL without a new token drops the old secret, as GitLab does
		String newToken = (token != null) ? token : (url != null && !url.equals(hook.url())) ? null : hook.token();
		SandboxHook updated = new SandboxHook(hook.id(), source, (url != null) ? url : hook.url(), newToken,
				(name != null) ? name : hook.name(), (description != null) ? description : hook.description(),
				(pushEvents != null) ? pushEvents : hook.pushEvents(),
				(tokenEvents != null) ? tokenEvents : hook.resourceAccessTokenEvents(),
				(sslVerification != null) ? sslVerification : hook.enableSslVerification(), hook.createdAt(),
				hook.uuid());
		this.state.hookStore().put(updated);
		return SandboxResponse.json(200, entity(updated));
	}

	private SandboxResponse deleteHook(SandboxRequest request) {
		SourceRef source = administeredResource(request);
		this.state.hookStore().remove(findHook(request, source).id());
		return SandboxResponse.empty(204);
	}

	/**
	 * The project or group of the path, if the caller administers its hooks: 404 when it
	 * is not visible, 403 below Maintainer (project) or Owner (group).
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

	private SandboxHook findHook(SandboxRequest request, SourceRef source) {
		String hookId = request.pathVariable("hook_id");
		if (!Policies.isNumeric(hookId)) {
			throw GitLabErrors.recordNotFound();
		}
		return this.state.hookStore().find(source, Long.parseLong(hookId)).orElseThrow(GitLabErrors::recordNotFound);
	}

	/**
	 * http or https with a host; on the local network only when the administrator allows
	 * it.
	 */
	private void checkUrl(String url) {
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (URISyntaxException ex) {
			throw invalidUrl();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
			throw invalidUrl();
		}
		if (!this.state.hookStore().allowLocalRequests() && isLocal(uri.getHost())) {
			throw invalidUrl();
		}
	}

	private static boolean isLocal(String host) {
		if (host.equalsIgnoreCase("localhost")) {
			return true;
		}
		try {
			InetAddress address = InetAddress.getByName(host);
			return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
					|| address.isAnyLocalAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	private static ApiError invalidUrl() {
		return new ApiError(SandboxResponse.json(422, Map.of("error", "Invalid url given")));
	}

	/**
	 * The hook entity: the common fields, then the project or group ones; never the
	 * token.
	 */
	static Map<String, Object> entity(SandboxHook hook) {
		Map<String, @Nullable Object> body = new LinkedHashMap<>();
		body.put("id", hook.id());
		body.put("url", hook.url());
		body.put("name", hook.name());
		body.put("description", hook.description());
		body.put("created_at", Entities.timestamp(hook.createdAt()));
		body.put("push_events", hook.pushEvents());
		body.put("tag_push_events", false);
		body.put("merge_requests_events", false);
		body.put("repository_update_events", false);
		body.put("enable_ssl_verification", hook.enableSslVerification());
		body.put("alert_status", "executable");
		body.put("disabled_until", null);
		body.put("url_variables", List.of());
		body.put("push_events_branch_filter", null);
		body.put("branch_filter_strategy", "wildcard");
		body.put("custom_webhook_template", null);
		body.put("custom_headers", List.of());
		if (hook.source().isProject()) {
			body.put("project_id", hook.source().id());
			body.put("issues_events", false);
			body.put("confidential_issues_events", false);
			body.put("note_events", false);
			body.put("confidential_note_events", false);
			body.put("pipeline_events", false);
			body.put("wiki_page_events", false);
			body.put("deployment_events", false);
			body.put("job_events", false);
			body.put("releases_events", false);
			body.put("feature_flag_events", false);
		}
		else {
			body.put("group_id", hook.source().id());
			body.put("issues_events", false);
			body.put("subgroup_events", false);
			body.put("member_events", false);
			body.put("project_events", false);
		}
		body.put("resource_access_token_events", hook.resourceAccessTokenEvents());
		if (hook.source().isProject()) {
			body.put("vulnerability_events", false);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> entity = (Map<String, Object>) (Map<String, ?>) body;
		return entity;
	}

}
