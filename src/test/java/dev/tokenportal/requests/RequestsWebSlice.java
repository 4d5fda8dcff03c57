package dev.tokenportal.requests;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockReset;

import static org.mockito.Mockito.mock;

/**
 * What the request controllers need in the web slice
 * ({@link dev.tokenportal.PortalWebMvcTest}) that only this package can name: the form's
 * checks for real, the page builder and the preview as mocks.
 *
 * @author Token Portal team
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(NewTokenRequestForms.class)
public class RequestsWebSlice {

	@Bean
	NewTokenRequestPages newTokenRequestPages() {
		return mock(NewTokenRequestPages.class, MockReset.withSettings(MockReset.AFTER));
	}

	@Bean
	PolicyPreviews policyPreviews() {
		return mock(PolicyPreviews.class, MockReset.withSettings(MockReset.AFTER));
	}

}
