package dev.tokenportal.web;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.web.filter.ForwardedHeaderFilter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Believes forwarded headers only from the configured proxies, before anything else in
 * the portal looks at a request. From any other peer every {@code Forwarded} and
 * {@code X-Forwarded-*} header is hidden, so the audit's client address, the sign-in
 * throttle and every redirect see the real peer and the real {@code Host}. From a trusted
 * proxy the client is found by walking {@code X-Forwarded-For} from the right past the
 * trusted proxies (a value the client put at the left never wins), and scheme, host and
 * port come from the nearest proxy's {@code X-Forwarded-Proto/-Host/-Port}, applied by
 * Spring's {@link ForwardedHeaderFilter}. RFC 7239 {@code Forwarded} is never believed:
 * proxies pass it through from clients.
 *
 * @author Token Portal team
 */
class ForwardedHeadersFilter extends OncePerRequestFilter {

	static final String FORWARDED_FOR = "X-Forwarded-For";

	/** What the nearest proxy sets about the address the client asked for. */
	private static final List<String> FROM_NEAREST_PROXY = List.of("X-Forwarded-Proto", "X-Forwarded-Host",
			"X-Forwarded-Port", "X-Forwarded-Prefix", "X-Forwarded-Ssl");

	private final TrustedProxies proxies;

	private final ForwardedHeaderFilter hostAndScheme = new ForwardedHeaderFilter();

	ForwardedHeadersFilter(TrustedProxies proxies) {
		this.proxies = proxies;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		// the container dispatches errors with its own, unwrapped request
		return false;
	}

	@Override
	protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
			FilterChain chain) throws ServletException, IOException {
		doFilterInternal(request, response, chain);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String peer = request.getRemoteAddr();
		if (!this.proxies.contains(peer)) {
			chain.doFilter(new ForwardedRequest(request, peer, Map.of()), response);
			return;
		}
		Map<String, String> believed = new LinkedHashMap<>();
		for (String name : FROM_NEAREST_PROXY) {
			String value = nearest(request.getHeaders(name));
			if (value != null) {
				believed.put(name.toLowerCase(Locale.ROOT), value);
			}
		}
		String client = client(peer, request.getHeaders(FORWARDED_FOR));
		this.hostAndScheme.doFilter(new ForwardedRequest(request, client, believed), response, chain);
	}

	/**
	 * The client: walk the hops from the right, past every trusted proxy. A hop that is
	 * not an IP address stops the walk at the proxy that reported it.
	 */
	private String client(String peer, Enumeration<String> forwardedFor) {
		List<String> hops = new ArrayList<>();
		for (String header : Collections.list(forwardedFor)) {
			for (String hop : header.split(",")) {
				hops.add(hop);
			}
		}
		String client = peer;
		for (int i = hops.size() - 1; i >= 0 && this.proxies.contains(client); i--) {
			String hop = TrustedProxies.ipLiteral(hops.get(i));
			if (hop == null) {
				break;
			}
			client = hop;
		}
		return client;
	}

	/** The value the nearest proxy set: the last one, if a proxy appended to a list. */
	private static @Nullable String nearest(Enumeration<String> values) {
		String last = null;
		for (String header : Collections.list(values)) {
			String[] parts = header.split(",");
			String candidate = parts[parts.length - 1].strip();
			if (!candidate.isEmpty()) {
				last = candidate;
			}
		}
		return last;
	}

	private static boolean isForwardedHeader(String name) {
		String lower = name.toLowerCase(Locale.ROOT);
		return lower.equals("forwarded") || lower.startsWith("x-forwarded-");
	}

	/**
	 * The request as the rest of the portal sees it: the resolved client address and only
	 * the forwarded headers that were believed.
	 */
	private static final class ForwardedRequest extends HttpServletRequestWrapper {

		private final String client;

		private final Map<String, String> believed;

		ForwardedRequest(HttpServletRequest request, String client, Map<String, String> believed) {
			super(request);
			this.client = client;
			this.believed = believed;
		}

		@Override
		public String getRemoteAddr() {
			return this.client;
		}

		@Override
		public String getRemoteHost() {
			return this.client;
		}

		@Override
		public @Nullable String getHeader(String name) {
			if (isForwardedHeader(name)) {
				return this.believed.get(name.toLowerCase(Locale.ROOT));
			}
			return super.getHeader(name);
		}

		@Override
		public Enumeration<String> getHeaders(String name) {
			if (isForwardedHeader(name)) {
				String value = this.believed.get(name.toLowerCase(Locale.ROOT));
				return Collections.enumeration((value != null) ? List.of(value) : List.of());
			}
			return super.getHeaders(name);
		}

		@Override
		public Enumeration<String> getHeaderNames() {
			List<String> names = new ArrayList<>();
			for (String name : Collections.list(super.getHeaderNames())) {
				if (!isForwardedHeader(name)) {
					names.add(name);
				}
			}
			names.addAll(this.believed.keySet());
			return Collections.enumeration(names);
		}

	}

}
