/**
 * A stateful, in-process stand-in for GitLab's REST API v4 and OAuth2/OIDC provider, for
 * tests only.
 */
@NullMarked
package dev.gitlabsandbox;

import org.jspecify.annotations.NullMarked;
