package dev.tokenportal.policy;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * Why the policy decided as it did, as a message code and its arguments: the words live
 * in {@code messages/policy.properties} and are resolved in the reader's locale. An
 * argument is a number, a name (scope, group), or itself a
 * {@link MessageSourceResolvable} (an access level, a tier), which Spring resolves in the
 * same locale.
 *
 * @param code the message code, {@code policy.reason.} followed by the rule
 * @param args the arguments, in the code's order
 * @author Token Portal team
 */
public record PolicyReason(String code, List<Object> args) implements MessageSourceResolvable {

	/** Every policy reason's code starts with this. */
	public static final String PREFIX = "policy.reason.";

	public PolicyReason {
		args = List.copyOf(args);
	}

	static PolicyReason of(String key, Object... args) {
		return new PolicyReason(PREFIX + key, Arrays.asList(args));
	}

	@Override
	public String[] getCodes() {
		return new String[] { this.code };
	}

	@Override
	public Object[] getArguments() {
		return this.args.toArray();
	}

	@Override
	public @Nullable String getDefaultMessage() {
		return null;
	}

}
