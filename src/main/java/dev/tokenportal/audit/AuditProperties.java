package dev.tokenportal.audit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the audit trail.
 *
 * @param fingerprintKey the server key for the keyed fingerprint (HMAC-SHA256) of token
 * values ({@code PORTAL_FINGERPRINT_KEY}); lets an investigator match a leaked token to
 * its request without the trail ever holding a value
 * @param chainKey the key of the audit chain ({@code PORTAL_AUDIT_KEY}): every event's
 * hash and every verification checkpoint is an HMAC-SHA256 with it, so that someone with
 * the database credentials alone cannot add an event or a checkpoint that verifies. Kept
 * outside the database, and by whoever verifies exports offline
 * @author Token Portal team
 */
@Validated
@ConfigurationProperties("portal.audit")
public record AuditProperties(@NotBlank(
		message = "set PORTAL_FINGERPRINT_KEY to a random secret of at least 32 characters (e.g. openssl rand -hex 32)") @Size(
				min = 32,
				message = "PORTAL_FINGERPRINT_KEY must be at least 32 characters") @Nullable String fingerprintKey,
		@NotBlank(
				message = "set PORTAL_AUDIT_KEY to a random secret of at least 32 characters (e.g. openssl rand -hex 32)") @Size(
						min = 32,
						message = "PORTAL_AUDIT_KEY must be at least 32 characters") @Nullable String chainKey) {

	@Override
	public String toString() {
		return "AuditProperties[fingerprintKey=******, chainKey=******]";
	}

}
