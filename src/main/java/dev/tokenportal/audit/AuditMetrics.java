package dev.tokenportal.audit;

import java.util.List;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The trail's health as gauges, read from the database at each scrape, so that every
 * instance reports the same, whichever ran the verification: how long the chain is, how
 * many events wait to be sealed into it, and what the last verification (by the job or by
 * an auditor) found and when. Each is one indexed read.
 *
 * @author Token Portal team
 */
@Component
class AuditMetrics implements MeterBinder {

	private final JdbcTemplate jdbc;

	AuditMetrics(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("portal.audit.chain.length", this::chainLength)
			.description("Events sealed into the audit chain (the newest one's place)")
			.register(registry);
		Gauge.builder("portal.audit.events.unsealed", this::unsealed)
			.description("Events appended but not sealed into the chain yet")
			.register(registry);
		Gauge.builder("portal.audit.verification.intact", () -> lastVerification(true))
			.description("1 when the last verification found the trail intact, 0 when it did not; NaN before any")
			.register(registry);
		Gauge.builder("portal.audit.verification.timestamp", () -> lastVerification(false))
			.description("When the trail was last verified, in seconds since the epoch")
			.baseUnit("seconds")
			.register(registry);
	}

	private long chainLength() {
		Long seq = this.jdbc.queryForObject("select coalesce(max(seq), 0) from audit_event", Long.class);
		return (seq != null) ? seq : 0;
	}

	private long unsealed() {
		Long count = this.jdbc.queryForObject("select count(*) from audit_event where seq is null", Long.class);
		return (count != null) ? count : 0;
	}

	/** NaN (no sample) before the first verification. */
	private double lastVerification(boolean intact) {
		List<Double> values = this.jdbc.query(
				"select outcome, occurred_at from audit_event where action = ? order by id desc limit 1",
				(rs, row) -> intact ? (AuditOutcome.SUCCESS.name().equals(rs.getString(1)) ? 1.0 : 0.0)
						: rs.getTimestamp(2).getTime() / 1000.0,
				AuditAction.AUDIT_VERIFIED.key());
		return values.isEmpty() ? Double.NaN : values.get(0);
	}

}
