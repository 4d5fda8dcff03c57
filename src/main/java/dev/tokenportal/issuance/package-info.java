/**
 * Issuance: creating tokens in GitLab when the requester presses Create token, showing
 * the value once, reconciling lost answers, and revoking, rotating and expiring tokens.
 */
@ApplicationModule(allowedDependencies = { "gitlab", "limits", "policy", "requests", "security" })
@NullMarked
package dev.tokenportal.issuance;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
