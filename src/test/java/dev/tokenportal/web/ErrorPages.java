package dev.tokenportal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.web.util.HtmlUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads what an error page or a form says is wrong, as a person reads it.
 *
 * @author Token Portal team
 */
public final class ErrorPages {

	private static final Pattern PROBLEM = Pattern
		.compile("<p[^>]*class=\"(?:field-error|error-problem)\"[^>]*>([^<]*)<");

	private ErrorPages() {
	}

	/**
	 * The problems a page lists, unescaped.
	 * @param html the page
	 * @return the problems, in page order
	 */
	public static List<String> problems(String html) {
		List<String> problems = new ArrayList<>();
		Matcher matcher = PROBLEM.matcher(html);
		while (matcher.find()) {
			problems.add(HtmlUtils.htmlUnescape(matcher.group(1)));
		}
		return problems;
	}

	/**
	 * Asserts that one of the problems a page lists mentions every word given.
	 * @param html the page
	 * @param mentions what the problem must name, case ignored
	 */
	public static void assertNamesTheProblem(String html, List<String> mentions) {
		List<String> problems = problems(html);
		assertThat(problems).as("what the page says is wrong").isNotEmpty();
		assertThat(problems).anySatisfy((problem) -> {
			for (String mention : mentions) {
				assertThat(problem).containsIgnoringCase(mention);
			}
		});
	}

}
