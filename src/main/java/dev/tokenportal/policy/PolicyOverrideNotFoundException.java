package dev.tokenportal.policy;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The group has no policy override.
 *
 * @author Token Portal team
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class PolicyOverrideNotFoundException extends RuntimeException {

	PolicyOverrideNotFoundException(String group) {
		super("No policy override for " + group);
	}

}
