/**
 * Operations: the portal's own metrics, recorded from what the features publish, and
 * where Prometheus scrapes them (the management port, never the application's).
 */
@ApplicationModule(allowedDependencies = { "policy", "requests" })
@NullMarked
package dev.tokenportal.observability;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
