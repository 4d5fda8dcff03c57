/**
 * Notifications: who hears what about a token request (e-mail, chat), sent after the
 * change committed through the event publication registry, never twice to the same
 * recipient; users' preferences, the daily digest, the admins' chat channels, and
 * GitLab's own expiry warnings (its {@code expiring_access_token} webhook).
 */
@ApplicationModule(allowedDependencies = { "delivery", "gitlab", "requests", "security" })
@NullMarked
package dev.tokenportal.notifications;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
