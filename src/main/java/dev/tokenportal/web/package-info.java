/**
 * Cross-cutting MVC: layout, home page, error pages and correlation ids.
 */
@ApplicationModule(allowedDependencies = { "approvals", "inventory", "memberships", "requests", "security" })
@NullMarked
package dev.tokenportal.web;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
