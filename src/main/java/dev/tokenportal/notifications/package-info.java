/**
 * Notifications: who hears what (e-mail, chat), preferences, digests, and GitLab's own
 * expiry warnings (its {@code expiring_access_token} webhook).
 */
@ApplicationModule(allowedDependencies = { "gitlab", "requests", "security" })
@NullMarked
package dev.tokenportal.notifications;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
