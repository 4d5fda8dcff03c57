/**
 * Approvals: the queue of requests waiting for an Owner, the live eligibility check
 * against GitLab, approve and reject decisions, and lapsing requests that waited too
 * long.
 */
@ApplicationModule(allowedDependencies = { "gitlab", "policy", "requests", "security" })
@NullMarked
package dev.tokenportal.approvals;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
