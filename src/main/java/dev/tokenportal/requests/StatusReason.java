package dev.tokenportal.requests;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.context.MessageSourceResolvable;

/**
 * Why a request stands where it is, as a message code and its arguments: the database
 * keeps these (V19), the words live in the bundles, and templates and mails resolve it in
 * the reader's locale. Arguments are kept as text: names, paths, GitLab's own words, or
 * an Owner's rejection, which is the Owner's own words and so the single argument of
 * {@link #REJECTED} rather than something the portal could translate.
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
		return new StatusReason(code, java.util.Arrays.stream(args).map(String::valueOf).toList(), null);
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
		return this.args.toArray();
	}

	@Override
	public @Nullable String getDefaultMessage() {
		return this.legacyText;
	}

}
