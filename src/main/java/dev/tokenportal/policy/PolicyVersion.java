package dev.tokenportal.policy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One saved version of a rule set.
 *
 * @param version the version number (global across scopes)
 * @param scope {@code ""} for the portal-wide rules, or a top-level group's path
 * @param rules the rules
 * @param active whether a group's override is in force
 * @param changedBy the admin's username
 * @param changedAt when
 * @param comment why
 * @author Token Portal team
 */
public record PolicyVersion(long version, String scope, PolicyRules rules, boolean active, String changedBy,
		Instant changedAt, @Nullable String comment) {
}
