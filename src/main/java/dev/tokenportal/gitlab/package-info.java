/**
 * The only package that knows GitLab's REST API and webhooks: typed HTTP interfaces,
 * DTOs, the webhook payloads and what became of them, error translation, timeouts and
 * retries.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.tokenportal.gitlab;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
