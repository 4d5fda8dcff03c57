/**
 * Delivery: writing a token straight into a CI/CD variable instead of showing it, writing
 * the new value there on rotation, and removing the variable on revoke. It implements
 * issuance's {@link dev.tokenportal.issuance.VariableDelivery}, so issuance never depends
 * on it; it keeps in {@code token_delivery} which token went where, never the value. It
 * also rotates delivered tokens before they expire, for the requester, and keeps trying
 * ({@code delivery_rotation}).
 */
@ApplicationModule(allowedDependencies = { "gitlab", "issuance", "requests", "security" })
@NullMarked
package dev.tokenportal.delivery;

import org.jspecify.annotations.NullMarked;

import org.springframework.modulith.ApplicationModule;
