/**
 * Per-user limits that hold across every instance: how many requests a user may have
 * open, how many tokens they may create an hour, and how often they may ask for a policy
 * preview (security.md 8.8 and 10.4).
 */
@ApplicationModule(allowedDependencies = { "security" })
@NullMarked
package dev.tokenportal.limits;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
