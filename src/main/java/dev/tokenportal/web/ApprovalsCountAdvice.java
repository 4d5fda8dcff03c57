package dev.tokenportal.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.approvals.AwaitingDecisions;
import dev.tokenportal.security.CurrentUser;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The number on the header's <em>Approvals</em> link, for signed-in users on pages only:
 * not for response bodies (JSON, downloads), error or forwarded dispatches; static
 * resources and actuator endpoints never reach a controller advice. Counted lazily, when
 * the layout renders it.
 *
 * @author Token Portal team
 */
@ControllerAdvice
class ApprovalsCountAdvice {

	private final AwaitingDecisions awaiting;

	ApprovalsCountAdvice(AwaitingDecisions awaiting) {
		this.awaiting = awaiting;
	}

	@ModelAttribute("approvalsWaiting")
	@Nullable WaitingCount approvalsWaiting(@AuthenticationPrincipal @Nullable OidcUser principal, HttpServletRequest request) {
		if (principal == null || request.getDispatcherType() != DispatcherType.REQUEST || !rendersPage(request)) {
			return null;
		}
		CurrentUser user = CurrentUser.of(principal);
		return new WaitingCount(() -> this.awaiting.countWaitingFor(user));
	}

	private static boolean rendersPage(HttpServletRequest request) {
		Object handler = request.getAttribute(HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE);
		return handler instanceof HandlerMethod method && !method.hasMethodAnnotation(ResponseBody.class)
				&& !AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class);
	}

}
