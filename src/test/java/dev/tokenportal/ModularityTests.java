package dev.tokenportal;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feature packages keep to the dependencies their {@code package-info.java} allows,
 * without cycles; the module diagrams and canvases are written into {@code target/}.
 *
 * @author Token Portal team
 */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(TokenPortalApplication.class);

	@Test
	void modulesKeepToTheirAllowedDependencies() {
		modules.verify();
	}

	@Test
	void writesModuleDocumentation() {
		Path folder = Path.of("target", "spring-modulith-docs");
		new Documenter(modules, Documenter.Options.defaults().withOutputFolder(folder.toString())).writeDocumentation();
		assertThat(folder.resolve("components.puml")).isRegularFile();
		for (ApplicationModule module : modules) {
			String name = module.getIdentifier().toString();
			assertThat(folder.resolve("module-" + name + ".puml")).isRegularFile();
			assertThat(folder.resolve("module-" + name + ".adoc")).isRegularFile();
		}
	}

}
