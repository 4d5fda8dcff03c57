package dev.tokenportal.audit;

/**
 * Everything the trail records. The key is what is stored and searched.
 *
 * @author Token Portal team
 */
public enum AuditAction {

	LOGIN_SUCCEEDED("login.success"),

	LOGIN_FAILED("login.failure"),

	REQUEST_SUBMITTED("request.submitted"),

	POLICY_DECIDED("policy.decided"),

	REQUEST_APPROVED("request.approved"),

	REQUEST_REJECTED("request.rejected"),

	APPROVAL_REFUSED("approval.refused"),

	REQUEST_CANCELLED("request.cancelled"),

	REQUEST_LAPSED("request.lapsed"),

	ISSUANCE_STARTED("issuance.started"),

	ISSUANCE_SUCCEEDED("issuance.succeeded"),

	ISSUANCE_FAILED("issuance.failed"),

	ISSUANCE_UNKNOWN("issuance.unknown"),

	RECONCILIATION_TOKEN_FOUND("reconciliation.token-found"),

	RECONCILIATION_TOKEN_REVOKED("reconciliation.token-revoked"),

	RECONCILIATION_COMPLETED("reconciliation.completed"),

	TOKEN_NOT_RECEIVED("token.not-received"),

	TOKEN_REVOKED("token.revoked"),

	TOKEN_ROTATED("token.rotated"),

	TOKEN_EXPIRED("token.expired"),

	POLICY_CHANGED("policy.changed"),

	ACCESS_DENIED("access.denied"),

	LIMIT_EXCEEDED("limit.exceeded"),

	AUDIT_SEARCHED("audit.searched"),

	AUDIT_EXPORTED("audit.exported"),

	AUDIT_VERIFIED("audit.verified"),

	SESSION_ENDED("session.ended"),

	ROLES_CHANGED("session.roles-changed"),

	WEBHOOK_RECEIVED("webhook.received"),

	WEBHOOK_CHANGED("webhook.changed"),

	DELIVERY_DESTINATION_CHOSEN("delivery.destination-chosen"),

	DELIVERY_WRITTEN("delivery.written"),

	DELIVERY_FAILED("delivery.failed"),

	DELIVERY_TAKEN_BACK("delivery.taken-back"),

	DELIVERY_REMOVED("delivery.removed"),

	DELIVERY_AUTO_ROTATED("delivery.auto-rotated"),

	DELIVERY_RENEWAL_REQUESTED("delivery.renewal-requested"),

	DELIVERY_ROTATION_FAILED("delivery.rotation-failed"),

	DELIVERY_ROTATION_ESCALATED("delivery.rotation-escalated");

	private final String key;

	AuditAction(String key) {
		this.key = key;
	}

	/**
	 * The stored, searchable name.
	 * @return e.g. {@code request.approved}
	 */
	public String key() {
		return this.key;
	}

}
