package dev.tokenportal.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The portal's real security rules in a {@code @WebMvcTest} slice: who may reach what,
 * CSRF on every unsafe request, the security headers and the 403 handling, with the beans
 * they need from outside the web layer (GitLab, the sign-in throttle, the user store)
 * replaced by mocks that a slice never reaches. Every slice that uses it, with the same
 * mock beans, shares one context.
 *
 * @author Token Portal team
 * @see SignedIn
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(SecuritySliceConfiguration.class)
@TestPropertySource(properties = "portal.security.session-secret=slice-test-session-secret")
public @interface ImportSecurity {

}
