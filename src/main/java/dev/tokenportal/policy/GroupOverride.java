package dev.tokenportal.policy;

/**
 * A top-level group's stricter rules as they stand now (the newest version for the
 * group), with the rules actually in force there.
 *
 * @param latest the newest version of the override
 * @param effective the portal-wide rules tightened by the override (when active)
 * @author Token Portal team
 */
public record GroupOverride(PolicyVersion latest, PolicyRules effective) {

	/**
	 * The group's path.
	 * @return the path
	 */
	public String group() {
		return this.latest.scope();
	}

}
