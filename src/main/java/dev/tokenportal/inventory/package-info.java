/**
 * My tokens: the tokens a user was issued through the portal, with their state and what
 * can be done with them.
 */
@NullMarked
package dev.tokenportal.inventory;

import org.jspecify.annotations.NullMarked;
