package dev.gitlabsandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page {@code GET /-/sandbox/variables}: every project's and group's CI/CD variables
 * with key, scope and flags, so a person can see that a token landed. Values are never
 * shown, only their length.
 *
 * @author Token Portal team
 */
final class VariablesPage {

	private static final String STYLE = """
			body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1f1e24; }
			h1 { font-size: 1.5rem; }
			h2 { font-size: 1.15rem; margin-top: 2rem; }
			table { border-collapse: collapse; width: 100%; }
			th, td { border: 1px solid #bfbfc3; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
			th { background: #f5f5f6; }
			code { overflow-wrap: anywhere; }
			.note { color: #535158; }
			""";

	private VariablesPage() {
	}

	static SandboxResponse render(SandboxState state) {
		Map<SourceRef, List<SandboxVariable>> bySource = new LinkedHashMap<>();
		List<SandboxVariable> all = state.allVariables();
		// projects first, then groups, each in id order
		all.stream()
			.map(SandboxVariable::source)
			.distinct()
			.sorted((a, b) -> (a.type() != b.type()) ? a.type().compareTo(b.type()) : Long.compare(a.id(), b.id()))
			.forEach((source) -> bySource.put(source,
					all.stream().filter((variable) -> variable.source().equals(source)).toList()));
		StringBuilder html = new StringBuilder();
		html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<title>CI/CD variables in the GitLab sandbox</title>\n<style>")
			.append(STYLE)
			.append("</style>\n</head>\n<body>\n<main>\n<h1>CI/CD variables</h1>\n")
			.append("<p class=\"note\">Every project's and group's CI/CD variables, as the application wrote them. ")
			.append("Values are never shown, only their length. <a href=\"")
			.append(GitLabSandbox.VARIABLES_PAGE_PATH)
			.append("\">Reload</a> to see new ones; the <a href=\"")
			.append(SandboxInbox.PAGE_PATH)
			.append("\">inbox</a> shows the messages the application sent.</p>\n");
		if (bySource.isEmpty()) {
			html.append("<p id=\"variables-status\" class=\"note\">No CI/CD variable yet.</p>\n");
		}
		else {
			html.append("<p id=\"variables-status\" class=\"note\">")
				.append(all.size())
				.append((all.size() == 1) ? " variable." : " variables.")
				.append("</p>\n");
		}
		bySource.forEach((source, variables) -> html.append(section(state, source, variables)));
		html.append("</main>\n</body>\n</html>\n");
		return SandboxResponse.html(200, html.toString());
	}

	private static String section(SandboxState state, SourceRef source, List<SandboxVariable> variables) {
		String path = source.isProject()
				? state.project(source.id()).map(SandboxProject::pathWithNamespace).orElse("#" + source.id())
				: state.group(source.id()).map(SandboxGroup::fullPath).orElse("#" + source.id());
		String label = source.isProject() ? "Project" : "Group";
		StringBuilder html = new StringBuilder();
		html.append("<section id=\"")
			.append(source.type().label())
			.append("-")
			.append(source.id())
			.append("\">\n<h2>")
			.append(label)
			.append(" <code>")
			.append(LoginPage.escape(path))
			.append("</code></h2>\n<table>\n<thead><tr><th>Key</th><th>Environment scope</th><th>Type</th>")
			.append("<th>Protected</th><th>Masked</th><th>Hidden</th><th>Raw</th><th>Value</th></tr></thead>\n")
			.append("<tbody>\n");
		for (SandboxVariable variable : variables) {
			html.append("<tr data-key=\"")
				.append(LoginPage.escape(variable.key()))
				.append("\"><td><code>")
				.append(LoginPage.escape(variable.key()))
				.append("</code></td><td><code>")
				.append(LoginPage.escape(variable.environmentScope()))
				.append("</code></td><td>")
				.append(LoginPage.escape(variable.variableType()))
				.append("</td><td>")
				.append(yesNo(variable.isProtected()))
				.append("</td><td>")
				.append(yesNo(variable.masked()))
				.append("</td><td>")
				.append(yesNo(variable.hidden()))
				.append("</td><td>")
				.append(yesNo(variable.raw()))
				.append("</td><td>")
				.append(variable.valueSummary())
				.append("</td></tr>\n");
		}
		html.append("</tbody>\n</table>\n</section>\n");
		return html.toString();
	}

	private static String yesNo(boolean flag) {
		return flag ? "yes" : "no";
	}

}
