/**
 * My tokens: the tokens a user was issued through the portal, with their state and what
 * can be done with them.
 */
@ApplicationModule(allowedDependencies = { "audit", "gitlab", "policy", "requests", "security" })
@NullMarked
package dev.tokenportal.inventory;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
