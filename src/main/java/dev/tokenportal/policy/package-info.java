/**
 * Approval policy: tiers, the rules that put a request in one, and their versioned,
 * admin-edited thresholds.
 */
@ApplicationModule(allowedDependencies = { "security" })
@NullMarked
package dev.tokenportal.policy;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
