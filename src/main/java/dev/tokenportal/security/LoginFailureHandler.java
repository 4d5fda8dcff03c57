package dev.tokenportal.security;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;

/**
 * Sends a failed sign-in back to the login page and announces it. State and nonce errors
 * are raised before any authentication provider runs, so Spring Security's own failure
 * events would miss them.
 *
 * @author Token Portal team
 */
class LoginFailureHandler extends SimpleUrlAuthenticationFailureHandler {

	private final ApplicationEventPublisher events;

	private final LoginThrottle throttle;

	LoginFailureHandler(ApplicationEventPublisher events, LoginThrottle throttle) {
		super("/login?error");
		this.events = events;
		this.throttle = throttle;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String code = (exception instanceof OAuth2AuthenticationException oauth) ? oauth.getError().getErrorCode()
				: exception.getClass().getSimpleName();
		this.events.publishEvent(new LoginFailed(code));
		this.throttle.failed(request.getRemoteAddr());
		super.onAuthenticationFailure(request, response, exception);
	}

}
