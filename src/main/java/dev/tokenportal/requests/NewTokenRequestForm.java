package dev.tokenportal.requests;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabResource;

/**
 * The request form as posted, every field as text so that any input binds and is refused
 * with a message rather than an error page. It has only the fields a requester may set:
 * status, requester, tier and the like are not here, so posting them changes nothing.
 * Shape is checked here; scopes, dates and the target are checked by
 * {@link NewTokenRequestForms} and the service.
 *
 * @param target the chosen project or group, {@code project:<id>} or {@code group:<id>}
 * @param tokenName the token's name
 * @param description an optional description
 * @param scopes the chosen scopes
 * @param accessLevel the access level, as posted ({@link #level()} reads it)
 * @param expiresOn the expiry date as posted, ISO ({@link #expiryDate()} reads it)
 * @param justification why the token is needed
 * @param lifetimeHours a lifetime in hours from Create instead of the date, as posted
 * ({@link #hours()} reads it); empty for the date
 * @param delivery {@value #SHOW} (the value is shown once, the default) or
 * {@value #VARIABLE} (it goes into a CI/CD variable)
 * @param destinationPath the full path of the project or group whose variable receives
 * the token; blank for the target itself
 * @param variableKey the variable's key
 * @param environmentScope the variable's environment scope; blank for every environment
 * @param variableProtected {@code true} when only protected branches and tags see it; a
 * checkbox, absent when not ticked
 * @param variableHidden {@code true} when it is masked and hidden (GitLab 17.4+),
 * otherwise only masked; a checkbox
 * @param autoRotate {@code true} when the portal may rotate the delivered token before it
 * expires without asking again; a checkbox
 * @author Token Portal team
 */
public record NewTokenRequestForm(@NotBlank @Pattern(regexp = TARGET) @Nullable String target,
		@NotBlank @Size(max = 100) @Pattern(regexp = PRINTABLE_LINE) @Nullable String tokenName,
		@Size(max = 500) @Pattern(regexp = PRINTABLE_LINE) @Nullable String description, List<String> scopes,
		@NotBlank @Nullable String accessLevel, @Nullable String expiresOn,
		@NotBlank @Size(max = 2000) @Pattern(regexp = PRINTABLE_TEXT) @Nullable String justification,
		@Nullable String lifetimeHours, @Nullable String delivery, @Nullable String destinationPath,
		@Nullable String variableKey, @Nullable String environmentScope, @Nullable String variableProtected,
		@Nullable String variableHidden, @Nullable String autoRotate) {

	/** How the expiry date is typed: ISO-8601, {@code 2030-01-31}, as the form says. */
	static final String ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}";

	/** The token is shown once to its requester. */
	static final String SHOW = "show";

	/** The token goes into a CI/CD variable and is never shown. */
	static final String VARIABLE = "variable";

	/** The key the form suggests. */
	static final String SUGGESTED_KEY = "PROJECT_ACCESS_TOKEN";

	/** A project or a group, by GitLab id. */
	static final String TARGET = "(project|group):[1-9][0-9]{0,17}";

	/** One line without control characters. */
	static final String PRINTABLE_LINE = "[^\\p{Cntrl}]*";

	/** Text without control characters other than line breaks and tabs. */
	static final String PRINTABLE_TEXT = "[^\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]*";

	public NewTokenRequestForm {
		target = strip(target);
		tokenName = strip(tokenName);
		accessLevel = strip(accessLevel);
		expiresOn = strip(expiresOn);
		description = strip(description);
		justification = strip(justification);
		lifetimeHours = strip(lifetimeHours);
		delivery = strip(delivery);
		destinationPath = strip(destinationPath);
		variableKey = strip(variableKey);
		environmentScope = strip(environmentScope);
		variableProtected = strip(variableProtected);
		variableHidden = strip(variableHidden);
		autoRotate = strip(autoRotate);
		scopes = (scopes != null) ? List.copyOf(new LinkedHashSet<>(scopes.stream().map(String::strip).toList()))
				: List.of();
	}

	/**
	 * A form whose token is shown once, with a lifetime by date.
	 */
	public NewTokenRequestForm(@Nullable String target, @Nullable String tokenName, @Nullable String description,
			List<String> scopes, @Nullable String accessLevel, @Nullable String expiresOn,
			@Nullable String justification) {
		this(target, tokenName, description, scopes, accessLevel, expiresOn, justification, null);
	}

	/**
	 * A form whose token is shown once.
	 */
	public NewTokenRequestForm(@Nullable String target, @Nullable String tokenName, @Nullable String description,
			List<String> scopes, @Nullable String accessLevel, @Nullable String expiresOn,
			@Nullable String justification, @Nullable String lifetimeHours) {
		this(target, tokenName, description, scopes, accessLevel, expiresOn, justification, lifetimeHours, null, null,
				null, null, null, null, null);
	}

	/**
	 * A form with a lifetime by date.
	 */
	public NewTokenRequestForm(@Nullable String target, @Nullable String tokenName, @Nullable String description,
			List<String> scopes, @Nullable String accessLevel, @Nullable String expiresOn,
			@Nullable String justification, @Nullable String delivery, @Nullable String destinationPath,
			@Nullable String variableKey, @Nullable String environmentScope, @Nullable String variableProtected,
			@Nullable String variableHidden, @Nullable String autoRotate) {
		this(target, tokenName, description, scopes, accessLevel, expiresOn, justification, null, delivery,
				destinationPath, variableKey, environmentScope, variableProtected, variableHidden, autoRotate);
	}

	/**
	 * An empty form with the suggested level and expiry.
	 * @param target a preselected target, or {@code null}
	 * @param expiresOn the suggested expiry date
	 * @return the form
	 */
	static NewTokenRequestForm empty(@Nullable String target, LocalDate expiresOn) {
		return new NewTokenRequestForm(target, null, null, List.of(), "20", expiresOn.toString(), null, null, SHOW,
				null, SUGGESTED_KEY, VariableDestination.ALL_ENVIRONMENTS, "true", "true", null);
	}

	/**
	 * The form filled in from an earlier request, for asking again: the same target,
	 * name, description, scopes, level, justification and delivery, and a lifetime as
	 * long as the one asked for then, counted from today. Nothing of any token it had.
	 * @param earlier the earlier request
	 * @param today today in UTC
	 * @return the form
	 */
	static NewTokenRequestForm askedAgain(TokenRequest earlier, LocalDate today) {
		long days = ChronoUnit.DAYS.between(LocalDate.ofInstant(earlier.getCreatedAt(), ZoneOffset.UTC),
				earlier.getExpiresOn());
		VariableDestination d = earlier.getDestination();
		return new NewTokenRequestForm(targetValue(earlier.getTargetType(), earlier.getTargetId()),
				earlier.getTokenName(), earlier.getDescription(), earlier.getScopes(),
				String.valueOf(earlier.getAccessLevel()), today.plusDays(Math.max(1, days)).toString(),
				earlier.getJustification(), Objects.toString(earlier.getLifetimeHours(), null),
				(d != null) ? VARIABLE : SHOW, (d != null) ? d.owner().fullPath() : null,
				(d != null) ? d.key() : SUGGESTED_KEY,
				(d != null) ? d.environmentScope() : VariableDestination.ALL_ENVIRONMENTS,
				(d == null || d.protectedOnly()) ? "true" : null, (d == null || d.maskedAndHidden()) ? "true" : null,
				earlier.isAutoRotate() ? "true" : null);
	}

	/**
	 * Whether the requester chose a CI/CD variable over seeing the token.
	 * @return {@code true} for a variable
	 */
	public boolean deliversToVariable() {
		return VARIABLE.equals(this.delivery);
	}

	/**
	 * Whether the protected box is ticked.
	 * @return {@code true} when ticked
	 */
	public boolean protectedOnly() {
		return "true".equals(this.variableProtected);
	}

	/**
	 * Whether the masked-and-hidden box is ticked.
	 * @return {@code true} when ticked
	 */
	public boolean hidden() {
		return "true".equals(this.variableHidden);
	}

	/**
	 * Whether the automatic rotation box is ticked.
	 * @return {@code true} when ticked
	 */
	public boolean rotatesAutomatically() {
		return "true".equals(this.autoRotate);
	}

	/**
	 * The environment scope as it will be stored.
	 * @return the scope, {@code *} when none was given
	 */
	public String scopeOrAll() {
		return (this.environmentScope != null) ? this.environmentScope : VariableDestination.ALL_ENVIRONMENTS;
	}

	/**
	 * The access level, if one was posted that reads as a number.
	 * @return the level, or {@code null}
	 */
	public @Nullable Integer level() {
		return (this.accessLevel != null && this.accessLevel.matches("[0-9]{1,9}")) ? Integer.valueOf(this.accessLevel)
				: null;
	}

	/**
	 * The expiry date, if one was posted that reads as an ISO date ({@code 2030-01-31}).
	 * @return the date, or {@code null}
	 */
	public @Nullable LocalDate expiryDate() {
		if (this.expiresOn == null || !this.expiresOn.matches(ISO_DATE)) {
			return null;
		}
		try {
			return LocalDate.parse(this.expiresOn);
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The lifetime in hours, if one was posted that reads as a whole number (not checked
	 * against {@link HourLifetime#allowed}).
	 * @return the hours, or {@code null}
	 */
	public @Nullable Integer hours() {
		return (this.lifetimeHours != null && this.lifetimeHours.matches("[0-9]{1,4}"))
				? Integer.valueOf(this.lifetimeHours) : null;
	}

	/**
	 * Whether the requester asked for hours rather than a date.
	 * @return {@code true} when the hours field is filled in
	 */
	boolean inHours() {
		return this.lifetimeHours != null;
	}

	/**
	 * The date whose distance from today the policy judges: the expiry date, or for an
	 * allowed hour lifetime the days it spans ({@link HourLifetime#policyDays}).
	 * @param today today in UTC
	 * @return the date, or {@code null} when neither reads
	 */
	@Nullable LocalDate judgedExpiry(LocalDate today) {
		if (!inHours()) {
			return expiryDate();
		}
		Integer hours = hours();
		return (hours != null && HourLifetime.allowed(hours)) ? today.plusDays(HourLifetime.policyDays(hours)) : null;
	}

	/**
	 * Whether the target field names a project or group at all.
	 * @return {@code true} when well formed
	 */
	boolean hasTarget() {
		return this.target != null && this.target.matches(TARGET);
	}

	/**
	 * The kind of target; only when {@link #hasTarget()}.
	 * @return project or group
	 */
	GitLabResource targetType() {
		return GitLabResource.valueOf(targetPart(0).toUpperCase(Locale.ROOT));
	}

	/**
	 * The target's GitLab id; only when {@link #hasTarget()}.
	 * @return the id
	 */
	long targetId() {
		return Long.parseLong(targetPart(1));
	}

	/**
	 * The field value that selects a target.
	 * @param type project or group
	 * @param id its GitLab id
	 * @return e.g. {@code project:11}
	 */
	static String targetValue(GitLabResource type, long id) {
		return type.name().toLowerCase(Locale.ROOT) + ":" + id;
	}

	private String targetPart(int index) {
		if (!hasTarget()) {
			throw new IllegalStateException("No valid target");
		}
		return this.target.split(":")[index];
	}

	private static @Nullable String strip(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
