package dev.tokenportal.gitlab;

/**
 * What {@code GET /version} reports.
 *
 * @param version GitLab's version, e.g. {@code 17.8.0}
 * @param revision the build revision
 * @author Token Portal team
 */
public record GitLabVersion(String version, String revision) {

	/**
	 * Whether this is a given release or later.
	 * @param major e.g. {@code 17}
	 * @param minor e.g. {@code 4}
	 * @return {@code true} for that release or a later one; {@code false} when the
	 * version cannot be read
	 */
	public boolean atLeast(int major, int minor) {
		String[] parts = this.version.split("[.-]");
		try {
			int actualMajor = Integer.parseInt(parts[0]);
			int actualMinor = (parts.length > 1) ? Integer.parseInt(parts[1]) : 0;
			return (actualMajor != major) ? actualMajor > major : actualMinor >= minor;
		}
		catch (NumberFormatException ex) {
			return false;
		}
	}

}
