package dev.tokenportal.audit;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
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
 * @param sealEvery how often the sequencer seals the events appended since its last run
 * ({@code PORTAL_AUDIT_SEAL_EVERY}, default 500 ms): verification, the head and exports
 * cover sealed events, and say how many await sealing
 * @param sealInline seal in each audited transaction itself, which then holds the
 * sealer's lock until it commits (appends wait for each other, as before the sequencer):
 * for tests and the sandbox ({@code spring-boot:test-run}), where scheduled jobs are off
 * and a page read right after an action expects its event sealed; off in production
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
						message = "PORTAL_AUDIT_KEY must be at least 32 characters") @Nullable String chainKey,
		@Nullable Duration sealEvery, boolean sealInline) {

	/** How often the sequencer runs when nothing else is set. */
	public static final Duration DEFAULT_SEAL_EVERY = Duration.ofMillis(500);

	@ConstructorBinding
	public AuditProperties {
		sealEvery = (sealEvery != null) ? sealEvery : DEFAULT_SEAL_EVERY;
	}

	/**
	 * The keys only, the sequencer on its schedule.
	 * @param fingerprintKey the fingerprint key
	 * @param chainKey the chain key
	 */
	public AuditProperties(@Nullable String fingerprintKey, @Nullable String chainKey) {
		this(fingerprintKey, chainKey, null, false);
	}

	@Override
	public String toString() {
		return "AuditProperties[fingerprintKey=******, chainKey=******]";
	}

}
