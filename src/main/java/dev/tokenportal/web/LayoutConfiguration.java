package dev.tokenportal.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.tokenportal.security.CurrentUser;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every page's layout needs: the signed-in user, if any, as the request attribute
 * {@code currentUser}. Set before the handler runs rather than as a model attribute, so
 * that pages rendered by exception handlers (bad input, limits, lapsed requests,
 * conflicts) keep the header's menu and sign-out too: an exception handler's model gets
 * no {@code @ModelAttribute}s.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class LayoutConfiguration implements WebMvcConfigurer {

	static final String CURRENT_USER = "currentUser";

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new HandlerInterceptor() {

			@Override
			public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
				if (request.getUserPrincipal() instanceof Authentication authentication
						&& authentication.getPrincipal() instanceof OidcUser principal) {
					request.setAttribute(CURRENT_USER, CurrentUser.of(principal));
				}
				return true;
			}

		});
	}

}
