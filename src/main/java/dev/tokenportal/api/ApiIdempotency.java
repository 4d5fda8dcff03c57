package dev.tokenportal.api;

import java.net.URI;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import dev.tokenportal.security.CurrentUser;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Runs a call under its {@code Idempotency-Key}, when it has one: the first call runs and
 * its answer is kept (as {@code stored} makes it: never with a token's value); a retry
 * gets that answer again, marked with {@code Idempotent-Replayed: true}.
 *
 * @author Token Portal team
 */
@Component
class ApiIdempotency {

	static final String REPLAYED = "Idempotent-Replayed";

	private static final JsonMapper JSON = JsonMapper.builder().findAndAddModules().build();

	private final IdempotencyKeys keys;

	ApiIdempotency(IdempotencyKeys keys) {
		this.keys = keys;
	}

	<T> ResponseEntity<?> run(CurrentUser caller, String endpoint, @Nullable String key, String path,
			@Nullable Object body, Supplier<ResponseEntity<T>> call, Function<T, ?> stored,
			@Nullable Integer replayStatus) {
		if (key == null) {
			return call.get();
		}
		String request = path + "\n" + ((body != null) ? JSON.writeValueAsString(body) : "");
		IdempotencyKeys.Stored earlier = this.keys.claim(caller.gitlabUserId(), endpoint, key, request);
		if (earlier != null) {
			ResponseEntity.BodyBuilder replay = ResponseEntity.status(earlier.status())
				.contentType(MediaType.APPLICATION_JSON)
				.header(REPLAYED, "true")
				.header(HttpHeaders.CACHE_CONTROL, "no-store");
			if (earlier.location() != null) {
				replay.location(URI.create(earlier.location()));
			}
			return replay.body(earlier.body());
		}
		ResponseEntity<T> answer;
		try {
			answer = call.get();
		}
		catch (RuntimeException ex) {
			this.keys.release(caller.gitlabUserId(), endpoint, key);
			throw ex;
		}
		T answered = answer.getBody();
		URI location = answer.getHeaders().getLocation();
		this.keys.complete(caller.gitlabUserId(), endpoint, key,
				(replayStatus != null) ? replayStatus : answer.getStatusCode().value(),
				JSON.writeValueAsString((answered != null) ? stored.apply(answered) : null),
				(location != null) ? location.toString() : null);
		return answer;
	}

}
