package dev.tokenportal.gitlab;

/**
 * A token GitLab has just created or rotated, with its value. The value exists only here
 * and in the one response that shows it; {@link #toString()} never prints it.
 *
 * @param token the token's description
 * @param value the secret, shown once
 * @author Token Portal team
 */
public record CreatedAccessToken(GitLabAccessToken token, String value) {

	@Override
	public String toString() {
		return "CreatedAccessToken[id=" + this.token.id() + ", name=" + this.token.name() + ", value=******]";
	}

}
