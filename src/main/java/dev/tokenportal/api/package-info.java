/**
 * The versioned REST API for scripts and pipelines ({@code /api/v1}), authenticated with
 * the caller's own GitLab token: another door into the same services as the pages
 * (requests, approvals, issuance, inventory), with errors as RFC 9457 problem details and
 * idempotency keys for the calls that change things.
 */
@ApplicationModule(allowedDependencies = { "approvals", "gitlab", "inventory", "issuance", "limits", "policy",
		"requests", "security" })
@NullMarked
package dev.tokenportal.api;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
