/**
 * Cross-cutting MVC: layout, home page, error pages and correlation ids.
 */
@NullMarked
package dev.tokenportal.web;

import org.jspecify.annotations.NullMarked;
