package dev.tokenportal.requests;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No such request, or not one the viewer may see (both answer 404, so ids cannot be
 * probed).
 *
 * @author Token Portal team
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class TokenRequestNotFoundException extends RuntimeException {

	public TokenRequestNotFoundException(UUID id) {
		super("No token request " + id);
	}

}
