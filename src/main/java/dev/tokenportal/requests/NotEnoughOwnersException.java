package dev.tokenportal.requests;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The request needs more Owners' approvals than the target has Owners besides the
 * requester, so it could never be approved; nothing was saved.
 *
 * @author Token Portal team
 */
@ResponseStatus(HttpStatus.CONFLICT)
public class NotEnoughOwnersException extends RuntimeException {

	private final String targetPath;

	private final int required;

	private final long eligible;

	NotEnoughOwnersException(String targetPath, int required, long eligible) {
		super("This request needs " + required + " Owners' approval, but " + targetPath + " has "
				+ ((eligible == 0) ? "no Owner" : "only " + eligible + " Owner" + ((eligible == 1) ? "" : "s"))
				+ " besides you, so it could never be approved");
		this.targetPath = targetPath;
		this.required = required;
		this.eligible = eligible;
	}

	/**
	 * The target's full path.
	 * @return e.g. {@code platform/backend/api}
	 */
	public String targetPath() {
		return this.targetPath;
	}

	/**
	 * Approvals from distinct Owners the policy requires.
	 * @return 1 or 2
	 */
	public int required() {
		return this.required;
	}

	/**
	 * Active human Owners of the target other than the requester.
	 * @return the number GitLab reported
	 */
	public long eligible() {
		return this.eligible;
	}

}
