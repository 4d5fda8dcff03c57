package dev.tokenportal.notifications;

/**
 * The preferences form.
 *
 * @param email e-mail on or off
 * @param digest {@code true} for one daily digest of the requests waiting for the user
 * instead of one message each
 * @author Token Portal team
 */
record PreferencesForm(boolean email, boolean digest) {

	static PreferencesForm of(NotificationPreferences.Preference preference) {
		return new PreferencesForm(preference.email(), preference.dailyDigest());
	}

	NotificationPreferences.Preference toPreference() {
		return new NotificationPreferences.Preference(this.email, this.digest);
	}

}
