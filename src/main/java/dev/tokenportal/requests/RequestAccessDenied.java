package dev.tokenportal.requests;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TokenRequestEvent.Actor;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;

/**
 * Someone tried an action on a request they may not see, and was told there is none.
 * {@code audit} records it on its own, whatever happens to the caller's transaction.
 *
 * @param actor who tried
 * @param at when
 * @param requestId the request
 * @param request the request, when the attempt belongs in its history; {@code null} for a
 * refused view, which names the request only in the trail's details
 * @param action what they tried ({@code approve}, {@code cancel}, …), with the request
 * @author Token Portal team
 */
public record RequestAccessDenied(Actor actor, Instant at, UUID requestId, @Nullable RequestSnapshot request,
		@Nullable String action) {
}
