package dev.gitlabsandbox;

import java.util.List;

/**
 * {@code /version}, {@code /user}, {@code /users} and
 * {@code /personal_access_tokens/self} (gitlab-api.md §6.3, §2.7), plus the avatar images
 * the user entities point at.
 *
 * @author Token Portal team
 */
final class UsersEndpoints {

	private final SandboxState state;

	private final SandboxSettings settings;

	private final Entities entities;

	UsersEndpoints(SandboxState state, SandboxSettings settings, Entities entities) {
		this.state = state;
		this.settings = settings;
		this.entities = entities;
	}

	void register(Router router) {
		router.get("/api/v4/version", this::showVersion).alsoAccepting("read_user");
		router.get("/api/v4/user", this::showCurrentUser).alsoAccepting("read_user");
		router.get("/api/v4/users", this::listUsers).alsoAccepting("read_user");
		router.get("/api/v4/users/{id}", this::showUser).alsoAccepting("read_user");
		router.get("/api/v4/personal_access_tokens/self", this::showCurrentToken).acceptingAnyScope();
		router.get("/-/avatars/{username}", this::showAvatar);
	}

	private SandboxResponse showVersion(SandboxRequest request) {
		return SandboxResponse.json(200, new Entities.VersionEntity(this.settings.version(), "sandbox"));
	}

	private SandboxResponse showCurrentUser(SandboxRequest request) {
		SandboxUser user = request.caller().user();
		return SandboxResponse.json(200, this.entities.currentUser(user, user.admin()));
	}

	private SandboxResponse listUsers(SandboxRequest request) {
		GrapeParams params = new GrapeParams(request.params());
		String username = params.optionalString("username");
		params.validate();
		List<Entities.UserBasicEntity> users = this.state.users()
			.stream()
			.filter((user) -> username == null || user.username().equalsIgnoreCase(username))
			.map(this.entities::userBasic)
			.toList();
		return Pagination.page(request, users);
	}

	private SandboxResponse showUser(SandboxRequest request) {
		String id = request.pathVariable("id");
		SandboxUser user = (Policies.isNumeric(id) ? this.state.user(Long.parseLong(id))
				: this.state.userByUsername(id))
			.orElseThrow(() -> GitLabErrors.notFound("User"));
		return SandboxResponse.json(200, this.entities.user(user, request.caller().adminMode()));
	}

	private SandboxResponse showCurrentToken(SandboxRequest request) {
		SandboxToken token = request.caller().token();
		if (token == null) {
			throw GitLabErrors.badRequest("This endpoint requires token type to be a personal access token");
		}
		return SandboxResponse.json(200, this.entities.personalToken(this.state.token(token.id()).orElseThrow()));
	}

	private SandboxResponse showAvatar(SandboxRequest request) {
		String username = request.pathVariable("username");
		String initial = username.isEmpty() ? "?" : username.substring(0, 1).toUpperCase();
		String svg = """
				<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 80 80">\
				<rect width="80" height="80" fill="#6b4fbb"/>\
				<text x="40" y="52" font-size="36" text-anchor="middle" fill="#fff" font-family="sans-serif">%s</text>\
				</svg>""".formatted(initial.replaceAll("[^A-Z0-9]", "?"));
		return SandboxResponse.raw(200, "image/svg+xml", svg);
	}

}
