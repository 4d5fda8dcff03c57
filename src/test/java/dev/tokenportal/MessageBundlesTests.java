package dev.tokenportal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tokenportal.audit.AuditAction;
import dev.tokenportal.limits.UserLimit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the message bundles and their users in step: every code a template or the Java
 * code names resolves in {@code messages*.properties}, and apostrophes are written the
 * way {@code MessageFormat} reads them. A code missing here shows the reader the bare
 * code, so this fails the build instead. {@link I18nPropertiesSyncTest} keeps the locale
 * bundles in step and the templates free of text of their own.
 *
 * @author Token Portal team
 */
class MessageBundlesTests {

	private static final Path RESOURCES = Path.of("src/main/resources");

	/** {@code #{code}}, {@code #{code(args)}}, {@code #messages.msg('code'…)}. */
	private static final Pattern TEMPLATE_CODE = Pattern
		.compile("#\\{([A-Za-z][\\w.]*[\\w])[}(]|#messages\\.msg\\('([A-Za-z][\\w.]*)'");

	/**
	 * The fixed start of a computed code: {@code #{${'tier.' + …}}},
	 * {@code #{|tier.${…}|}}.
	 */
	private static final Pattern TEMPLATE_PREFIX = Pattern
		.compile("#\\{\\$\\{'([A-Za-z][\\w.]*\\.)'|#\\{\\|([A-Za-z][\\w.]*\\.)\\$");

	private static final Pattern JAVA_LITERAL = Pattern.compile("\"([a-z][A-Za-z]*(?:\\.[A-Za-z0-9]+)+)\"");

	/**
	 * The start of a code the Java code completes:
	 * {@code "issuance.reason.revoked." + role}.
	 */
	private static final Pattern JAVA_PREFIX = Pattern.compile("\"([a-z][A-Za-z]*(?:\\.[A-Za-z0-9]+)+\\.)\" \\+");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\d");

	@Test
	void everyCodeATemplateUsesResolves() throws IOException {
		Set<String> keys = allKeys();
		List<String> missing = new ArrayList<>();
		for (Path template : MessageBundleFiles.files(RESOURCES.resolve("templates"), ".html")) {
			String html = Files.readString(template);
			Matcher code = TEMPLATE_CODE.matcher(html);
			while (code.find()) {
				String name = (code.group(1) != null) ? code.group(1) : code.group(2);
				if (!keys.contains(name)) {
					missing.add(RESOURCES.relativize(template) + ": " + name);
				}
			}
			Matcher prefix = TEMPLATE_PREFIX.matcher(html);
			while (prefix.find()) {
				String start = (prefix.group(1) != null) ? prefix.group(1) : prefix.group(2);
				if (keys.stream().noneMatch((key) -> key.startsWith(start))) {
					missing.add(RESOURCES.relativize(template) + ": " + start + "*");
				}
			}
		}
		assertThat(missing).as("codes used in templates but in no bundle").isEmpty();
	}

	/**
	 * A string literal in the main code whose first part is a bundle's (requests.,
	 * issuance., …) is a message code: it must be a key, or the start of a family of keys
	 * the code completes ({@code requests.reason.lapsed.pending} + {@code .days}). Audit
	 * action names share some first parts and are not messages.
	 */
	@Test
	void everyCodeTheJavaCodeNamesResolves() throws IOException {
		Set<String> keys = allKeys();
		Set<String> families = keys.stream()
			.map((key) -> key.substring(0, key.indexOf('.') + 1))
			.collect(Collectors.toSet());
		Set<String> auditActions = Arrays.stream(AuditAction.values())
			.map(AuditAction::key)
			.collect(Collectors.toSet());
		List<String> missing = new ArrayList<>();
		for (Path source : MessageBundleFiles.files(Path.of("src/main/java"), ".java")) {
			Matcher literal = JAVA_LITERAL.matcher(Files.readString(source));
			while (literal.find()) {
				String code = literal.group(1);
				boolean looksLikeACode = families.contains(code.substring(0, code.indexOf('.') + 1))
						&& !auditActions.contains(code);
				if (looksLikeACode && !keys.contains(code)
						&& keys.stream().noneMatch((key) -> key.startsWith(code + "."))) {
					missing.add(source.getFileName() + ": " + code);
				}
			}
		}
		assertThat(missing).as("codes named in Java but in no bundle").isEmpty();
	}

	/**
	 * A code the Java code completes at run time ({@code "limits.exceeded.problem." +
	 * limit.name()}) starts at least one key; each limit a user can reach has its
	 * refusal.
	 */
	@Test
	void everyCodeTheJavaCodeCompletesResolves() throws IOException {
		Set<String> keys = allKeys();
		List<String> missing = new ArrayList<>();
		for (Path source : MessageBundleFiles.files(Path.of("src/main/java"), ".java")) {
			Matcher prefix = JAVA_PREFIX.matcher(Files.readString(source));
			while (prefix.find()) {
				String start = prefix.group(1);
				if (keys.stream().noneMatch((key) -> key.startsWith(start))) {
					missing.add(source.getFileName() + ": " + start + "*");
				}
			}
		}
		for (UserLimit limit : UserLimit.values()) {
			if (!keys.contains("limits.exceeded.problem." + limit.name())) {
				missing.add("limits.exceeded.problem." + limit.name());
			}
		}
		for (String role : List.of("requester", "auditor", "owner")) {
			for (String code : List.of("issuance.reason.revoked.", "issuance.reason.revokedBecause.")) {
				if (!keys.contains(code + role)) {
					missing.add(code + role);
				}
			}
		}
		assertThat(missing).as("codes completed in Java but in no bundle").isEmpty();
	}

	/**
	 * Spring formats a message with MessageFormat only when it has arguments: then a lone
	 * apostrophe starts a quote and swallows the rest of the sentence, so it must be
	 * doubled; without arguments the text is shown as written, so a doubled one would
	 * show twice.
	 */
	@Test
	void apostrophesAreWrittenAsTheirMessageIsRead() throws IOException {
		List<String> wrong = new ArrayList<>();
		for (Path bundle : bundles()) {
			Properties properties = MessageBundleFiles.load(bundle);
			for (String key : properties.stringPropertyNames()) {
				String text = properties.getProperty(key);
				boolean formatted = PLACEHOLDER.matcher(text).find();
				String withoutDoubled = text.replace("''", "");
				if (formatted && withoutDoubled.contains("'")) {
					wrong.add(key + " has a lone ' but arguments");
				}
				if (!formatted && text.contains("''")) {
					wrong.add(key + " has '' but no arguments");
				}
			}
		}
		assertThat(wrong).isEmpty();
	}

	private static Set<String> allKeys() throws IOException {
		Set<String> keys = new TreeSet<>();
		for (Path bundle : bundles()) {
			keys.addAll(MessageBundleFiles.load(bundle).stringPropertyNames());
		}
		return keys;
	}

	private static List<Path> bundles() throws IOException {
		List<Path> bundles = MessageBundleFiles.bundles(RESOURCES);
		assertThat(bundles).as("message bundles").isNotEmpty();
		return bundles;
	}

}
