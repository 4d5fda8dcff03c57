/**
 * The audit trail: append-only, hash-chained events written in the same transaction as
 * the change they record.
 */
@ApplicationModule(allowedDependencies = { "approvals", "delivery", "gitlab", "issuance", "limits", "notifications",
		"policy", "requests", "security" })
@NullMarked
package dev.tokenportal.audit;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
