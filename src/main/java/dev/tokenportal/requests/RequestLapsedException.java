package dev.tokenportal.requests;

import java.util.UUID;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * An action found its request overdue and lapsed it instead (the lapse is committed with
 * its audit event); nothing was decided and nothing was sent to GitLab.
 *
 * @author Token Portal team
 */
public class RequestLapsedException extends RuntimeException {

	private final UUID requestId;

	/** The code when an old row lapsed without a reason. */
	static final String UNKNOWN_REASON = "requests.reason.lapsed.unknown";

	/** The code of the sentence the lapsed page shows: the reason is its argument. */
	static final String PROBLEM = "requests.lapsed.problem";

	private final StatusReason reason;

	RequestLapsedException(UUID requestId, StatusReason reason) {
		super("Request " + requestId + " lapsed: " + reason.code());
		this.requestId = requestId;
		this.reason = reason;
	}

	/**
	 * What the lapsed page says, to resolve in the reader's locale.
	 * @return "This request lapsed: {reason}."
	 */
	public MessageSourceResolvable problem() {
		return new DefaultMessageSourceResolvable(new String[] { PROBLEM }, new Object[] { this.reason });
	}

	public UUID requestId() {
		return this.requestId;
	}

}
