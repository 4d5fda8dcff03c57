package dev.tokenportal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The message bundles and templates as files, for the tests that check them.
 *
 * @author Token Portal team
 */
final class MessageBundleFiles {

	private MessageBundleFiles() {
	}

	/**
	 * Every bundle under a resources folder: {@code messages/*.properties} and the top
	 * level's {@code messages*.properties}.
	 * @param resources the resources folder
	 * @return the bundles, sorted
	 * @throws IOException when a folder cannot be read
	 */
	static List<Path> bundles(Path resources) throws IOException {
		List<Path> bundles = new ArrayList<>();
		if (Files.isDirectory(resources.resolve("messages"))) {
			bundles.addAll(files(resources.resolve("messages"), ".properties"));
		}
		try (Stream<Path> top = Files.list(resources)) {
			top.filter((p) -> p.getFileName().toString().matches("messages(_.+)?\\.properties"))
				.sorted()
				.forEach(bundles::add);
		}
		return bundles;
	}

	static List<Path> files(Path root, String suffix) throws IOException {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter((p) -> p.toString().endsWith(suffix)).sorted().toList();
		}
	}

	static Properties load(Path bundle) throws IOException {
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(bundle, StandardCharsets.UTF_8)) {
			properties.load(reader);
		}
		return properties;
	}

}
