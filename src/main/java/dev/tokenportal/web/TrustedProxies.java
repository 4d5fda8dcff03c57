package dev.tokenportal.web;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The addresses whose forwarded headers the portal believes: the reverse proxies in front
 * of it, as CIDR ranges ({@code PORTAL_TRUSTED_PROXIES}). Only IP literals are ever
 * matched, so neither a configured entry nor a header value can cause a DNS lookup.
 *
 * @author Token Portal team
 */
final class TrustedProxies {

	private static final Pattern IPV4 = Pattern
		.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final Pattern IPV4_WITH_PORT = Pattern.compile("([0-9.]+):[0-9]{1,5}");

	private static final Pattern IPV6_BRACKETED = Pattern.compile("\\[([0-9A-Fa-f:.]+)\\](:[0-9]{1,5})?");

	private final List<IpAddressMatcher> ranges;

	private TrustedProxies(List<IpAddressMatcher> ranges) {
		this.ranges = ranges;
	}

	/**
	 * Parses the configured ranges.
	 * @param cidrs ranges such as {@code 10.0.0.0/8}, {@code fd00::/8} or a single
	 * address
	 * @return the trusted proxies
	 * @throws IllegalArgumentException naming the first entry that is not an IP range
	 */
	static TrustedProxies of(List<String> cidrs) {
		return new TrustedProxies(cidrs.stream().map(String::strip).filter((cidr) -> !cidr.isEmpty()).map((cidr) -> {
			int slash = cidr.indexOf('/');
			String address = (slash >= 0) ? cidr.substring(0, slash) : cidr;
			String bits = (slash >= 0) ? cidr.substring(slash + 1) : "";
			if (ipLiteral(address) == null || !bits.matches("[0-9]{0,3}")) {
				throw new IllegalArgumentException("PORTAL_TRUSTED_PROXIES: '" + cidr
						+ "' is not an IPv4 or IPv6 address or CIDR range (e.g. 10.0.0.0/8 or fd00::/8)");
			}
			return new IpAddressMatcher(cidr);
		}).toList());
	}

	boolean isEmpty() {
		return this.ranges.isEmpty();
	}

	/**
	 * Whether an address is one of the trusted proxies.
	 * @param address an IP literal
	 * @return whether to believe its forwarded headers
	 */
	boolean contains(String address) {
		String literal = ipLiteral(address);
		return literal != null && this.ranges.stream().anyMatch((range) -> range.matches(literal));
	}

	/**
	 * The IP address in a forwarded value, without brackets or port.
	 * @param value one entry of {@code X-Forwarded-For} (or a peer address)
	 * @return the address, or {@code null} when the value is not an IP address
	 */
	static @Nullable String ipLiteral(String value) {
		String candidate = value.strip();
		java.util.regex.Matcher bracketed = IPV6_BRACKETED.matcher(candidate);
		if (bracketed.matches()) {
			candidate = bracketed.group(1);
		}
		java.util.regex.Matcher withPort = IPV4_WITH_PORT.matcher(candidate);
		if (withPort.matches()) {
			candidate = withPort.group(1);
		}
		if (IPV4.matcher(candidate).matches()) {
			return candidate;
		}
		int zone = candidate.indexOf('%');
		if (zone > 0 && candidate.indexOf(':') >= 0) {
			// a link-local peer's scope (fe80::1%eth0) says nothing about who it is
			candidate = candidate.substring(0, zone);
		}
		if (candidate.indexOf(':') >= 0 && IPV6.matcher(candidate).matches()) {
			try {
				// a literal with a colon is never looked up; a malformed one is refused
				java.net.InetAddress.getByName(candidate);
				return candidate;
			}
			catch (java.net.UnknownHostException ex) {
				return null;
			}
		}
		return null;
	}

}
