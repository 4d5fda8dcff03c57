/**
 * Token requests: the aggregate and its state machine, the request form, and the pages
 * that show a request.
 */
@NullMarked
package dev.tokenportal.requests;

import org.jspecify.annotations.NullMarked;
