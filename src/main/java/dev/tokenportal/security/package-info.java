/**
 * Login with GitLab, portal roles, session hardening and the portal's record of who has
 * signed in.
 */
@ApplicationModule(allowedDependencies = { "gitlab" })
@NullMarked
package dev.tokenportal.security;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
