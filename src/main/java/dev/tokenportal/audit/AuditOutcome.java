package dev.tokenportal.audit;

/**
 * How an audited action ended.
 *
 * @author Token Portal team
 */
public enum AuditOutcome {

	/** It happened. */
	SUCCESS,

	/** It was attempted and failed. */
	FAILURE,

	/** It was refused by a rule or a permission. */
	DENIED,

	/** Nobody knows yet whether it happened (GitLab's answer was lost). */
	UNKNOWN

}
