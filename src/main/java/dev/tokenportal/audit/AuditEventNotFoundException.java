package dev.tokenportal.audit;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * No event at that position.
 *
 * @author Token Portal team
 */
@ResponseStatus(HttpStatus.NOT_FOUND)
class AuditEventNotFoundException extends RuntimeException {

	AuditEventNotFoundException(long seq) {
		super("No audit event " + seq);
	}

}
