package dev.tokenportal.policy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A new version of a rule set was saved; published in the transaction that saved it,
 * where {@code audit} records it (no record, no change).
 *
 * @param editor who changed it
 * @param at when
 * @param scope {@code default} or a top-level group's path
 * @param version the new version
 * @param active {@code false} when a group's override was switched off
 * @param rules the rules, as stored (JSON)
 * @param comment why it changed
 * @author Token Portal team
 */
public record PolicyChanged(PolicyEditor editor, Instant at, String scope, long version, boolean active, String rules,
		@Nullable String comment) {
}
