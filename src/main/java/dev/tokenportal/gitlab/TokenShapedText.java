package dev.tokenportal.gitlab;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Text that looks like it holds a GitLab token: a prefix such as {@code glpat-},
 * {@code gldt-} or {@code glrt-} followed by a token's worth of characters. Whatever
 * people type for others to read (a justification, a description, a reason, a comment) is
 * kept, shown, audited and sent by e-mail, so a value pasted by mistake is refused rather
 * than spread.
 *
 * @author Token Portal team
 */
public final class TokenShapedText {

	private static final String TOKEN_SHAPE = "gl[a-z]{2,8}-[A-Za-z0-9_.-]{20,}";

	/** A regular expression that matches text holding nothing shaped like a token. */
	public static final String WITHOUT_TOKENS = "(?s)(?!.*" + TOKEN_SHAPE + ").*";

	private static final Pattern TOKEN = Pattern.compile(TOKEN_SHAPE);

	private TokenShapedText() {
	}

	/**
	 * Whether the text holds something shaped like a GitLab token.
	 * @param text what was typed, or {@code null}
	 * @return {@code true} when it does
	 */
	public static boolean holdsToken(@Nullable CharSequence text) {
		return text != null && TOKEN.matcher(text).find();
	}

}
