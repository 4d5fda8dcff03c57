package dev.tokenportal.inventory;

import java.util.List;

/**
 * Every token GitLab lists on one project or group, matched against the portal's
 * requests.
 *
 * @param targetType {@code project} or {@code group}
 * @param targetPath the full path
 * @param tokens the tokens, active ones first
 * @author Token Portal team
 */
public record GitLabTargetInventory(String targetType, String targetPath, List<GitLabTokenRow> tokens) {

	public GitLabTargetInventory {
		tokens = List.copyOf(tokens);
	}

	/**
	 * How many active tokens were made outside the portal.
	 * @return the count
	 */
	public long activeOutside() {
		return this.tokens.stream()
			.filter((token) -> token.origin() == GitLabTokenOrigin.OUTSIDE && "active".equals(token.state()))
			.count();
	}

}
