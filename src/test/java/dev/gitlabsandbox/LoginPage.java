package dev.gitlabsandbox;

import java.util.List;
import java.util.Map;

/**
 * The sandbox's sign-in page: pick a seeded user instead of typing a password. Each user
 * is a submit button with a stable {@code id="login-<username>"} and
 * {@code data-username}, so browser tests can click it.
 *
 * @author Token Portal team
 */
final class LoginPage {

	private static final String STYLE = """
			body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 36rem; color: #1f1e24; }
			h1 { font-size: 1.5rem; }
			ul { list-style: none; padding: 0; }
			li { margin: 0.5rem 0; }
			button { width: 100%; text-align: left; padding: 0.75rem 1rem; font-size: 1rem; cursor: pointer;
			  border: 1px solid #bfbfc3; border-radius: 0.25rem; background: #fff; }
			button:hover, button:focus { border-color: #6b4fbb; outline: 2px solid #6b4fbb; }
			.username { color: #535158; margin-left: 0.5rem; }
			.deny { width: auto; margin-top: 1rem; }
			.inbox { margin-top: 2rem; color: #535158; }
			""";

	private LoginPage() {
	}

	static SandboxResponse render(AuthorizationRequest request, List<SandboxUser> users) {
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>Sign in to the GitLab sandbox</title>\n<style>")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<main>\n<h1>Sign in to the GitLab sandbox</h1>\n")
			.append("<p>The application <strong>")
			.append(escape(request.clientId()))
			.append("</strong> asks for the scopes <code>")
			.append(escape(String.join(" ", request.scopes())))
			.append("</code>. Choose who you are:</p>\n")
			.append("<form method=\"post\" action=\"/oauth/authorize\">\n");
		for (Map.Entry<String, String> field : request.hiddenFields().entrySet()) {
			html.append("<input type=\"hidden\" name=\"")
				.append(escape(field.getKey()))
				.append("\" value=\"")
				.append(escape(field.getValue()))
				.append("\">\n");
		}
		html.append("<ul aria-label=\"Users\">\n");
		for (SandboxUser user : users) {
			String username = escape(user.username());
			html.append("<li><button type=\"submit\" name=\"username\" value=\"")
				.append(username)
				.append("\" id=\"login-")
				.append(username)
				.append("\" data-username=\"")
				.append(username)
				.append("\">")
				.append(escape(user.name()))
				.append("<span class=\"username\">@")
				.append(username)
				.append("</span>")
				.append(user.admin() ? " (administrator)" : "")
				.append("</button></li>\n");
		}
		html.append("</ul>\n<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\" class=\"deny\">")
			.append("Deny</button>\n</form>\n")
			// a new tab, so that the sign-in in progress is not lost
			.append("<p class=\"inbox\">Every e-mail and chat message the application sent: <a href=\"")
			.append(SandboxInbox.PAGE_PATH)
			.append("\" id=\"sandbox-inbox\" target=\"_blank\" rel=\"noopener\">the sandbox's inbox</a>.</p>\n")
			.append("<p class=\"inbox\">Every CI/CD variable the application wrote (values hidden): <a href=\"")
			.append(GitLabSandbox.VARIABLES_PAGE_PATH)
			.append("\" id=\"sandbox-variables\" target=\"_blank\" rel=\"noopener\">the sandbox's CI/CD variables</a>.</p>\n")
			.append("</main>\n</body>\n</html>\n");
		return SandboxResponse.html(200, html.toString());
	}

	static SandboxResponse error(String error, String description) {
		String html = """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>An error has occurred</title></head>
				<body>
				<main>
				<h1>An error has occurred</h1>
				<p id="error" data-error="%s">%s</p>
				</main>
				</body>
				</html>
				""".formatted(escape(error), escape(description));
		return SandboxResponse.html(400, html);
	}

	/**
	 * What GitLab's sign-in page says to a blocked user, who gets no code.
	 * @return the page
	 */
	static SandboxResponse blocked() {
		String html = """
				<!DOCTYPE html>
				<html lang="en">
				<head><meta charset="utf-8"><title>Sign in to the GitLab sandbox</title></head>
				<body>
				<main>
				<p id="error" data-error="blocked">Your account has been blocked. Please contact your GitLab \
				administrator if you think this is an error.</p>
				</main>
				</body>
				</html>
				""";
		return SandboxResponse.html(403, html);
	}

	static String escape(String value) {
		return value.replace("&", "&amp;")
			.replace("<", "&lt;")
			.replace(">", "&gt;")
			.replace("\"", "&quot;")
			.replace("'", "&#39;");
	}

}
