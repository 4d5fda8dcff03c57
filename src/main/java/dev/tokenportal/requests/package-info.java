/**
 * Token requests: the aggregate and its state machine, the request form, and the pages
 * that show a request.
 */
@ApplicationModule(allowedDependencies = { "gitlab", "limits", "policy", "security" })
@NullMarked
package dev.tokenportal.requests;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
