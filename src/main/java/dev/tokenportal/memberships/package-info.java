/**
 * What GitLab says the signed-in user belongs to: their projects and groups, read with
 * their own token.
 */
@ApplicationModule(allowedDependencies = { "gitlab" })
@NullMarked
package dev.tokenportal.memberships;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
