package dev.tokenportal.web;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockReset;

import static org.mockito.Mockito.mock;

/**
 * What the home page's controller needs in the web slice
 * ({@link dev.tokenportal.PortalWebMvcTest}) that only this package can name, and what
 * every page needs from it: the reader's time zone and the templates' {@code @times}.
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(ViewerTimeConfiguration.class)
public class HomeWebSlice {

	@Bean
	HomeAttention homeAttention() {
		return mock(HomeAttention.class, MockReset.withSettings(MockReset.AFTER));
	}

}
