package dev.gitlabsandbox;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Grape-style parameter declarations: each call coerces one parameter and collects its
 * error ({@code is missing}, {@code is invalid}, {@code does not have a valid value}),
 * and {@link #validate()} answers 400 {@code {"error": "a, b"}} with all of them
 * (gitlab-api.md §1.1). Declare parameters in the endpoint's order, because that is the
 * message order.
 *
 * @author Token Portal team
 */
final class GrapeParams {

	private static final Set<String> TRUE = Set.of("true", "t", "1", "yes", "y", "on");

	private static final Set<String> FALSE = Set.of("false", "f", "0", "no", "n", "off");

	private final RequestParams params;

	private final List<String> errors = new ArrayList<>();

	GrapeParams(RequestParams params) {
		this.params = params;
	}

	@Nullable String requiredString(String name) {
		if (!this.params.has(name)) {
			return missing(name);
		}
		return optionalString(name);
	}

	@Nullable String optionalString(String name) {
		if (!this.params.has(name)) {
			return null;
		}
		String value = this.params.string(name);
		return (value != null) ? value : invalid(name);
	}

	@Nullable List<String> requiredArray(String name, Set<String> values) {
		if (!this.params.has(name)) {
			return missing(name);
		}
		if (!(this.params.get(name) instanceof List<?> list)) {
			return invalid(name);
		}
		List<String> strings = list.stream().map(String::valueOf).toList();
		return values.containsAll(strings) ? strings : notValid(name);
	}

	@Nullable Integer optionalInteger(String name, @Nullable Set<Integer> values) {
		if (!this.params.has(name)) {
			return null;
		}
		Integer value = integer(this.params.get(name));
		if (value == null) {
			return invalid(name);
		}
		return (values == null || values.contains(value)) ? value : notValid(name);
	}

	@Nullable String optionalValue(String name, Set<String> values) {
		String value = optionalString(name);
		return (value == null || values.contains(value)) ? value : notValid(name);
	}

	@Nullable Boolean optionalBoolean(String name) {
		String value = optionalString(name);
		if (value == null) {
			return null;
		}
		String lower = value.toLowerCase();
		return TRUE.contains(lower) ? Boolean.TRUE : FALSE.contains(lower) ? Boolean.FALSE : invalid(name);
	}

	@Nullable LocalDate optionalDate(String name) {
		String value = optionalString(name);
		if (value == null) {
			return null;
		}
		try {
			// Grape's Date coercion also accepts a full timestamp and keeps its date.
			return LocalDate.parse((value.length() > 10) ? value.substring(0, 10) : value);
		}
		catch (DateTimeParseException ex) {
			return invalid(name);
		}
	}

	@Nullable Instant optionalDateTime(String name) {
		String value = optionalString(name);
		if (value == null) {
			return null;
		}
		try {
			return (value.length() == 10) ? LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC)
					: OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			return invalid(name);
		}
	}

	void validate() {
		if (!this.errors.isEmpty()) {
			throw GitLabErrors.validation(this.errors);
		}
	}

	private static @Nullable Integer integer(@Nullable Object value) {
		try {
			if (value instanceof Number number) {
				return new BigDecimal(number.toString()).intValueExact();
			}
			return (value instanceof String string) ? Integer.valueOf(string.trim()) : null;
		}
		catch (ArithmeticException | NumberFormatException ex) {
			return null;
		}
	}

	private <T> @Nullable T missing(String name) {
		this.errors.add(name + " is missing");
		return null;
	}

	private <T> @Nullable T invalid(String name) {
		this.errors.add(name + " is invalid");
		return null;
	}

	private <T> @Nullable T notValid(String name) {
		this.errors.add(name + " does not have a valid value");
		return null;
	}

}
