package dev.tokenportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;
import org.attoparser.dom.DOMMarkupParser;
import org.attoparser.dom.Element;
import org.attoparser.dom.INestableNode;
import org.attoparser.dom.INode;
import org.attoparser.dom.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the manner of spring-petclinic's {@code I18nPropertiesSyncTest}: every locale bundle
 * has exactly its base bundle's keys (none missing, none left over), and no template
 * shows English of its own. A template's text counts only where Thymeleaf replaces it
 * ({@code th:text}, {@code th:utext}, {@code th:replace}, {@code th:insert} on the
 * element or an ancestor): anything else reaches every reader as written. Templates are
 * read with Thymeleaf's own parser (AttoParser), so a text spread over lines is judged by
 * its element, not by its line.
 *
 * @author Token Portal team
 */
class I18nPropertiesSyncTest {

	private static final Path RESOURCES = Path.of("src/main/resources");

	private static final Pattern LOCALE_BUNDLE = Pattern.compile("(.+?)_[a-z]{2,3}(?:_[A-Z]{2})?\\.properties");

	/** Attributes a reader sees or hears (tooltips, screen readers, buttons). */
	private static final List<String> VISIBLE_ATTRIBUTES = List.of("title", "alt", "placeholder", "aria-label",
			"aria-description", "value");

	/** Thymeleaf attributes that replace an element's content. */
	private static final List<String> REPLACING = List.of("th:text", "th:utext", "th:errors", "th:replace", "th:insert",
			"th:include");

	/** Entities and inlined expressions carry no words of their own. */
	private static final Pattern NOT_WORDS = Pattern.compile("&#?\\w+;|\\[\\[.*?]]|\\[\\(.*?\\)]", Pattern.DOTALL);

	private static final Pattern LETTER = Pattern.compile("\\p{L}");

	@Test
	void everyLocaleBundleHasExactlyItsBaseBundlesKeys() throws IOException {
		assertThat(outOfSync(RESOURCES)).as("locale bundles out of step with their base bundle").isEmpty();
	}

	/**
	 * The portal ships English only so far, so the check above has nothing to compare
	 * yet: this shows it would catch a translation behind its base bundle, or ahead of
	 * it, in both kinds of bundle (top level and per feature).
	 */
	@Test
	void aLocaleBundleMissingOrAddingKeysIsReported(@TempDir Path resources) throws IOException {
		Files.createDirectories(resources.resolve("messages"));
		Files.writeString(resources.resolve("messages.properties"), "app.name=Token Portal\nnav.home=Home\n");
		Files.writeString(resources.resolve("messages_de.properties"), "app.name=Token-Portal\n");
		Files.writeString(resources.resolve("messages/requests.properties"), "requests.title=Requests\n");
		Files.writeString(resources.resolve("messages/requests_de.properties"),
				"requests.title=Anfragen\nrequests.old=Alt\n");

		assertThat(outOfSync(resources)).containsOnly(Map.entry("messages_de.properties", "missing: nav.home"),
				Map.entry("messages/requests_de.properties", "not in the base bundle: requests.old"));
	}

	@Test
	void noTemplateShowsTextOutsideTheBundles() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path template : MessageBundleFiles.files(RESOURCES.resolve("templates"), ".html")) {
			found.addAll(hardCoded(RESOURCES.relativize(template).toString(), Files.readString(template)));
		}
		assertThat(found).as("text in templates that no bundle supplies").isEmpty();
	}

	@Test
	void textOutsideThTextIsFoundWhereverItStands() {
		String html = """
				<html th:replace="~{fragments/layout :: layout('t', ~{::content})}">
				<body>
				<section th:fragment="content">
				  <h2 th:text="#{a.heading}">Prototype only</h2>
				  <div th:replace="~{x :: y}"><p>Also a prototype</p></div>
				  <p class="muted"
				     th:if="${x}">
				    Hard-coded over
				    two lines</p>
				  <p th:errors="*{field}">Error</p>
				  <button type="submit">Save</button>
				  <input type="text" placeholder="yyyy-mm-dd" th:placeholder="#{a.format}">
				  <input type="hidden" name="x" value="kept">
				  <a href="/" title="Home">&rarr;</a>
				  <span>[[#{a.inlined}]]</span>
				  <script>var english = 'not shown';</script>
				</section>
				</body>
				</html>
				""";

		assertThat(hardCoded("t.html", html)).containsExactly("t.html <p>: Hard-coded over two lines",
				"t.html <button>: Save", "t.html <a title>: Home");
	}

	/**
	 * Each locale bundle ({@code requests_de.properties}) against its base bundle
	 * ({@code requests.properties}) in the same folder.
	 */
	private static Map<String, String> outOfSync(Path resources) throws IOException {
		Map<String, String> problems = new TreeMap<>();
		for (Path bundle : bundles(resources)) {
			Matcher locale = LOCALE_BUNDLE.matcher(bundle.getFileName().toString());
			if (!locale.matches()) {
				continue;
			}
			String name = resources.relativize(bundle).toString().replace('\\', '/');
			Path base = bundle.resolveSibling(locale.group(1) + ".properties");
			if (!Files.exists(base)) {
				problems.put(name, "no base bundle " + base.getFileName());
				continue;
			}
			Set<String> baseKeys = MessageBundleFiles.load(base).stringPropertyNames();
			Set<String> keys = MessageBundleFiles.load(bundle).stringPropertyNames();
			Set<String> missing = new TreeSet<>(baseKeys);
			missing.removeAll(keys);
			Set<String> extra = new TreeSet<>(keys);
			extra.removeAll(baseKeys);
			List<String> text = new ArrayList<>();
			if (!missing.isEmpty()) {
				text.add("missing: " + String.join(", ", missing));
			}
			if (!extra.isEmpty()) {
				text.add("not in the base bundle: " + String.join(", ", extra));
			}
			if (!text.isEmpty()) {
				problems.put(name, String.join("; ", text));
			}
		}
		return problems;
	}

	private static List<String> hardCoded(String name, String html) {
		try {
			List<String> found = new ArrayList<>();
			visit(name, new DOMMarkupParser(ParseConfiguration.htmlConfiguration()).parse(name, html), false, found);
			return found;
		}
		catch (ParseException ex) {
			throw new IllegalStateException("Cannot parse " + name, ex);
		}
	}

	/**
	 * Text and visible attributes of elements Thymeleaf leaves as written. Inside a
	 * replaced element only its fragments count: a page whose {@code <html>} is replaced
	 * by the layout still shows its {@code th:fragment="content"}.
	 */
	private static void visit(String name, INestableNode parent, boolean replaced, List<String> found) {
		for (INode node : parent.getChildren()) {
			if (node instanceof Text text && !replaced && words(text.getContent())) {
				found.add(name + " <" + ((Element) parent).getElementName() + ">: "
						+ text.getContent().strip().replaceAll("\\s+", " "));
			}
			if (node instanceof Element element) {
				boolean shown = (!replaced || element.hasAttribute("th:fragment"))
						&& !element.elementNameMatches("script") && !element.elementNameMatches("style");
				if (shown) {
					attributes(name, element, found);
				}
				visit(name, element, !shown || REPLACING.stream().anyMatch(element::hasAttribute), found);
			}
		}
	}

	private static void attributes(String name, Element element, List<String> found) {
		for (String attribute : VISIBLE_ATTRIBUTES) {
			String value = element.getAttributeValue(attribute);
			String thAttr = element.getAttributeValue("th:attr");
			boolean replaced = element.hasAttribute("th:" + attribute)
					|| (thAttr != null && thAttr.matches("(?s).*\\b" + attribute + "\\s*=.*"));
			if (value != null && !replaced && words(value) && !technical(element, attribute)) {
				found.add(name + " <" + element.getElementName() + " " + attribute + ">: " + value);
			}
		}
	}

	/** A hidden field's or a choice's value is sent, not read. */
	private static boolean technical(Element element, String attribute) {
		if (!"value".equals(attribute)) {
			return false;
		}
		String type = element.getAttributeValue("type");
		return !(element.elementNameMatches("input") && type != null && type.matches("submit|button|reset"));
	}

	private static boolean words(String text) {
		return LETTER.matcher(NOT_WORDS.matcher(text).replaceAll("")).find();
	}

	private static List<Path> bundles(Path resources) throws IOException {
		List<Path> bundles = MessageBundleFiles.bundles(resources);
		assertThat(bundles).as("message bundles").isNotEmpty();
		return bundles;
	}

}
