package dev.tokenportal.requests;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * Only GitLab could say whether the viewer owns the request's target, and it could not be
 * asked; the request is not shown (fail closed).
 *
 * @author Token Portal team
 */
@ResponseStatus(HttpStatus.SERVICE_UNAVAILABLE)
public class ApproverCheckUnavailableException extends RuntimeException {

	ApproverCheckUnavailableException() {
		super("GitLab could not confirm that you may see this request");
	}

}
