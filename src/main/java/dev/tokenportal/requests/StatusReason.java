package dev.tokenportal.requests;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Why a request stands where it is, as a message code and its arguments: the database
 * keeps these (V19), the words live in the bundles, and templates and mails resolve it in
 * the reader's locale. Arguments are kept as text: names, paths, GitLab's own words, or
 * an Owner's rejection, which is the Owner's own words and so the single argument of
 * {@link #REJECTED} rather than something the portal could translate.
 * <p>
 * An argument that is itself a code (an access level, the policy's reason inside a
 * refusal) is kept as text too, so that it fits the same {@code TEXT[]} column: a leading
 * {@value #NESTED_MARK} (a control character no form or GitLab answer carries at the
 * start of a value) followed by JSON of its codes, arguments and default. Text that
 * happens to start with the mark is kept as a JSON string after the mark, so every
 * argument reads back as it was given.
 * <p>
 * Rows written before V19 have only the English sentence; they come back as a reason
 * without a code whose default message is that sentence, rendered as it is.
 *
 * @param code the message code, {@code null} only for a row written before V19
 * @param args the arguments, in the code's order
 * @param legacyText the English sentence of a row written before V19, otherwise
 * {@code null}
 * @author Token Portal team
 */
public record StatusReason(@Nullable String code, List<String> args,
		@Nullable String legacyText) implements MessageSourceResolvable {

	/** An Owner rejected the request; the one argument is the Owner's own words. */
	public static final String REJECTED = "requests.reason.rejected";

	/** The requester did not receive the token, which was revoked. */
	public static final String NOT_RECEIVED = "requests.reason.notReceived";

	/**
	 * A reason with a code.
	 * @param code the message code
	 * @param args the arguments
	 * @return the reason
	 */
	public static StatusReason of(String code, Object... args) {
		return new StatusReason(code, Arrays.stream(args).map(StatusReason::encode).toList(), null);
	}

	/**
	 * A reason from any resolvable, such as the policy's reason, to store it.
	 * @param reason the reason; its first code is kept
	 * @return the reason
	 */
	public static StatusReason from(MessageSourceResolvable reason) {
		if (reason instanceof StatusReason status) {
			return status;
		}
		String[] codes = reason.getCodes();
		if (codes == null || codes.length == 0) {
			String text = reason.getDefaultMessage();
			return legacy((text != null) ? text : "");
		}
		Object[] args = reason.getArguments();
		return of(codes[0], (args != null) ? args : new Object[0]);
	}

	/**
	 * A reason from a row written before V19: the English sentence as it was stored.
	 * @param text the sentence
	 * @return the reason
	 */
	public static StatusReason legacy(String text) {
		return new StatusReason(null, List.of(), text);
	}

	public StatusReason {
		args = List.copyOf(args);
		if (code == null && legacyText == null) {
			throw new IllegalArgumentException("A status reason needs a code or the text of an old row");
		}
	}

	@Override
	public String @Nullable [] getCodes() {
		return (this.code != null) ? new String[] { this.code } : null;
	}

	@Override
	public Object[] getArguments() {
		return this.args.stream().map(StatusReason::decode).toArray();
	}

	@Override
	public @Nullable String getDefaultMessage() {
		return this.legacyText;
	}

	/** Starts an argument that is a code (or text starting with this mark). */
	static final String NESTED_MARK = "\u001F";

	private static String encode(@Nullable Object arg) {
		if (arg instanceof MessageSourceResolvable nested) {
			return NESTED_MARK + JsonMapper.shared().writeValueAsString(tree(nested));
		}
		String text = String.valueOf(arg);
		return text.startsWith(NESTED_MARK) ? NESTED_MARK + JsonMapper.shared().writeValueAsString(text) : text;
	}

	private static ObjectNode tree(MessageSourceResolvable nested) {
		ObjectNode node = JsonMapper.shared().createObjectNode();
		ArrayNode codes = node.putArray("codes");
		String[] given = nested.getCodes();
		if (given != null) {
			Arrays.stream(given).forEach(codes::add);
		}
		ArrayNode args = node.putArray("args");
		Object[] arguments = nested.getArguments();
		if (arguments != null) {
			for (Object arg : arguments) {
				if (arg instanceof MessageSourceResolvable inner) {
					args.add(tree(inner));
				}
				else {
					args.add(String.valueOf(arg));
				}
			}
		}
		node.put("default", nested.getDefaultMessage());
		return node;
	}

	private static Object decode(String arg) {
		if (!arg.startsWith(NESTED_MARK)) {
			return arg;
		}
		return resolvable(JsonMapper.shared().readTree(arg.substring(NESTED_MARK.length())));
	}

	private static Object resolvable(JsonNode node) {
		if (!node.isObject()) {
			return node.asString();
		}
		List<Object> args = new ArrayList<>();
		node.path("args").forEach((arg) -> args.add(resolvable(arg)));
		List<String> codes = new ArrayList<>();
		node.path("codes").forEach((code) -> codes.add(code.asString()));
		JsonNode fallback = node.path("default");
		return new DefaultMessageSourceResolvable(codes.toArray(String[]::new), args.toArray(),
				fallback.isString() ? fallback.asString() : null);
	}

}
