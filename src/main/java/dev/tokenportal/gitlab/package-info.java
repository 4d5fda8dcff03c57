/**
 * The only package that knows GitLab's REST API: typed HTTP interfaces, DTOs, error
 * translation, timeouts and retries.
 */
@ApplicationModule(allowedDependencies = {})
@NullMarked
package dev.tokenportal.gitlab;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
