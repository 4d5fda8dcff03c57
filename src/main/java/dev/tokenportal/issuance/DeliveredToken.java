package dev.tokenportal.issuance;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabResource;
import org.springframework.context.MessageSourceResolvable;

/**
 * A token GitLab has just created or rotated that went straight into a CI/CD variable,
 * shaped for the page that says where it went. It has no value: nobody sees it.
 *
 * @param requestId the token request
 * @param shortId the request's short id
 * @param targetPath the project or group the token is for
 * @param tokenName the token's name in GitLab
 * @param scopes its scopes
 * @param accessLevel its access level, to resolve
 * @param expiresOn the day it stops working (00:00 UTC)
 * @param gitlabTokenId GitLab's token id
 * @param rotation whether this replaces an earlier token of the same request
 * @param warning something the user must know, if any
 * @param variable where it went
 * @author Token Portal team
 */
public record DeliveredToken(UUID requestId, String shortId, String targetPath, String tokenName, List<String> scopes,
		MessageSourceResolvable accessLevel, @Nullable LocalDate expiresOn, long gitlabTokenId, boolean rotation,
		@Nullable MessageSourceResolvable warning, WrittenVariable variable) {

	public DeliveredToken {
		scopes = List.copyOf(scopes);
	}

	/**
	 * Where GitLab shows the variable: the CI/CD settings of its project or group.
	 * @return the path below GitLab's URL
	 */
	public String settingsPath() {
		String path = this.variable.destination().owner().fullPath();
		return (this.variable.destination().owner().resource() == GitLabResource.GROUP)
				? "/groups/" + path + "/-/settings/ci_cd" : "/" + path + "/-/settings/ci_cd";
	}

}
