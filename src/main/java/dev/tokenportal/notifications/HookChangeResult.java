package dev.tokenportal.notifications;

import java.util.List;

/**
 * What became of an admin's register or remove press, as a message code with its
 * arguments.
 *
 * @param done whether GitLab made the change
 * @param code the message code ({@code webhooks.*})
 * @param args its arguments
 * @author Token Portal team
 */
public record HookChangeResult(boolean done, String code, List<String> args) {

	static HookChangeResult done(String code, String... args) {
		return new HookChangeResult(true, code, List.of(args));
	}

	static HookChangeResult refused(String code, String... args) {
		return new HookChangeResult(false, code, List.of(args));
	}

}
