package dev.gitlabsandbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;

/**
 * A small route table. Patterns are split on {@code /}; a {@code {name}} segment matches
 * one raw segment, so a literal {@code /} inside an id never matches a route
 * (gitlab-api.md §1.2) while {@code %2F} does. HEAD is served by GET routes.
 *
 * @author Token Portal team
 */
final class Router {

	private final List<Route> routes = new ArrayList<>();

	Route get(String pattern, Handler handler) {
		return add("GET", pattern, handler);
	}

	Route post(String pattern, Handler handler) {
		return add("POST", pattern, handler);
	}

	Route put(String pattern, Handler handler) {
		return add("PUT", pattern, handler);
	}

	Route delete(String pattern, Handler handler) {
		return add("DELETE", pattern, handler);
	}

	private Route add(String method, String pattern, Handler handler) {
		Route route = new Route(method, pattern, List.of(pattern.substring(1).split("/")), handler);
		this.routes.add(route);
		return route;
	}

	Optional<Match> match(String method, String rawPath) {
		String effectiveMethod = method.equals("HEAD") ? "GET" : method;
		String[] segments = rawPath.substring(1).split("/", -1);
		for (Route route : this.routes) {
			if (route.method.equals(effectiveMethod) && route.enabled.getAsBoolean()) {
				Map<String, String> variables = route.match(segments);
				if (variables != null) {
					return Optional.of(new Match(route, variables));
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * Handles one matched request.
	 */
	@FunctionalInterface
	interface Handler {

		SandboxResponse handle(SandboxRequest request);

	}

	/**
	 * A matched route and its raw (still URL-encoded) path variables.
	 */
	record Match(Route route, Map<String, String> variables) {

	}

	/**
	 * One route. API routes accept {@code api} for every verb and {@code read_api} for
	 * GET; {@link #alsoAccepting} adds scopes such as {@code read_user} (gitlab-api.md
	 * §8.4).
	 */
	static final class Route {

		private final String method;

		private final String pattern;

		private final List<String> segments;

		private final Handler handler;

		private Set<String> extraScopes = Set.of();

		private boolean anyScope;

		private BooleanSupplier enabled = () -> true;

		private Route(String method, String pattern, List<String> segments, Handler handler) {
			this.method = method;
			this.pattern = pattern;
			this.segments = segments;
			this.handler = handler;
		}

		Route alsoAccepting(String... scopes) {
			this.extraScopes = Set.of(scopes);
			return this;
		}

		/**
		 * Make the route exist only while a condition holds, like an endpoint that an
		 * older GitLab does not have.
		 * @param condition whether the route is served
		 * @return this route
		 */
		Route enabledWhen(BooleanSupplier condition) {
			this.enabled = condition;
			return this;
		}

		Route acceptingAnyScope() {
			this.anyScope = true;
			return this;
		}

		boolean accepts(List<String> scopes) {
			return this.anyScope || scopes.stream().anyMatch(acceptedScopes()::contains);
		}

		boolean api() {
			return this.pattern.startsWith("/api/v4/");
		}

		/**
		 * The scopes that may call this route.
		 * @return for example {@code [api, read_api]} for a GET
		 */
		List<String> acceptedScopes() {
			List<String> scopes = new ArrayList<>(List.of("api"));
			if (this.method.equals("GET")) {
				scopes.add("read_api");
				scopes.addAll(this.extraScopes);
			}
			return scopes;
		}

		Handler handler() {
			return this.handler;
		}

		private @Nullable Map<String, String> match(String[] raw) {
			if (raw.length != this.segments.size()) {
				return null;
			}
			Map<String, String> variables = new LinkedHashMap<>();
			for (int i = 0; i < raw.length; i++) {
				String segment = this.segments.get(i);
				if (segment.startsWith("{")) {
					if (raw[i].isEmpty()) {
						return null;
					}
					variables.put(segment.substring(1, segment.length() - 1), raw[i]);
				}
				else if (!segment.equals(raw[i])) {
					return null;
				}
			}
			return variables;
		}

	}

}
