package dev.tokenportal.issuance;

import java.util.UUID;

import dev.tokenportal.requests.VariableDestination;

/**
 * A token's value written into a CI/CD variable, without the value.
 *
 * @param deliveryId the delivery's record
 * @param gitlabTokenId the token it holds
 * @param destination where
 * @param masked whether GitLab masks it in job logs
 * @param hidden whether GitLab hides it for good (17.4+)
 * @param hidingAvailable whether this GitLab can hide variables at all (17.4+: it reports
 * {@code hidden} for every variable)
 * @param updated whether an existing variable of the portal's was updated rather than
 * created
 * @author Token Portal team
 */
public record WrittenVariable(UUID deliveryId, long gitlabTokenId, VariableDestination destination, boolean masked,
		boolean hidden, boolean hidingAvailable, boolean updated) {

	/**
	 * Whether the variable is not hidden because GitLab is older than 17.4.
	 * @return {@code true} if so
	 */
	public boolean hidingUnavailable() {
		return !this.hidden && !this.hidingAvailable;
	}

}
