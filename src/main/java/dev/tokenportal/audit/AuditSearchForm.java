package dev.tokenportal.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The audit search form, as typed: every field optional; dates are whole UTC days.
 *
 * @param actor a GitLab username
 * @param action an action key
 * @param outcome an outcome
 * @param target a target path prefix
 * @param request a token request id
 * @param token a GitLab token id
 * @param from from this day (inclusive)
 * @param to up to this day (inclusive)
 * @param before the next page's starting point
 * @author Token Portal team
 */
public record AuditSearchForm(@Nullable @Size(max = 255) String actor,
		@Nullable @Size(max = 64) @Pattern(regexp = "[a-z.-]*",
				message = "an action looks like request.approved") String action,
		@Nullable @Pattern(regexp = "|SUCCESS|FAILURE|DENIED|UNKNOWN", message = "pick an outcome") String outcome,
		@Nullable @Size(max = 512) String target, @Nullable UUID request, @Nullable Long token,
		@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
		@Nullable @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, @Nullable Long before) {

	AuditSearch toSearch() {
		Instant start = (this.from != null) ? this.from.atStartOfDay(ZoneOffset.UTC).toInstant() : null;
		Instant end = (this.to != null) ? this.to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant() : null;
		return new AuditSearch(this.actor, this.action, this.outcome, this.target, this.request, this.token, start, end,
				this.before);
	}

}
