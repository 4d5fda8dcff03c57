package dev.tokenportal.web;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Which peers count as trusted proxies, and what counts as an address at all.
 *
 * @author Token Portal team
 */
class TrustedProxiesTests {

	@Test
	void rangesOfBothFamiliesAndSingleAddressesMatch() {
		TrustedProxies proxies = TrustedProxies.of(List.of("10.0.0.0/8", " fd00::/8", "192.0.2.1", ""));
		assertThat(proxies.contains("10.1.2.3")).isTrue();
		assertThat(proxies.contains("fd12:3456::1")).isTrue();
		assertThat(proxies.contains("192.0.2.1")).isTrue();
		assertThat(proxies.contains("192.0.2.2")).isFalse();
		assertThat(proxies.contains("11.0.0.1")).isFalse();
		assertThat(proxies.contains("2001:db8::1")).isFalse();
		assertThat(TrustedProxies.of(List.of("::1/128")).contains("0:0:0:0:0:0:0:1")).as("Tomcat's form of ::1")
			.isTrue();
	}

	@Test
	void noRangesTrustNobody() {
		TrustedProxies none = TrustedProxies.of(List.of());
		assertThat(none.isEmpty()).isTrue();
		assertThat(none.contains("127.0.0.1")).isFalse();
	}

	@Test
	void aConfiguredEntryThatIsNotAnAddressStopsStartupNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("proxy.internal")))
			.withMessageContaining("PORTAL_TRUSTED_PROXIES", "'proxy.internal'");
		assertThatIllegalArgumentException().isThrownBy(() -> TrustedProxies.of(List.of("10.0.0.0/x")))
			.withMessageContaining("'10.0.0.0/x'");
	}

	@Test
	void onlyIpLiteralsAreAddressesAndPortsOrBracketsAreDropped() {
		assertThat(TrustedProxies.ipLiteral(" 198.51.100.9 ")).isEqualTo("198.51.100.9");
		assertThat(TrustedProxies.ipLiteral("198.51.100.9:4711")).isEqualTo("198.51.100.9");
		assertThat(TrustedProxies.ipLiteral("[2001:db8::7]:443")).isEqualTo("2001:db8::7");
		assertThat(TrustedProxies.ipLiteral("2001:db8::7")).isEqualTo("2001:db8::7");
		assertThat(TrustedProxies.ipLiteral("fe80::1%eth0")).isEqualTo("fe80::1");
		assertThat(TrustedProxies.ipLiteral("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(TrustedProxies.ipLiteral("example.com")).isNull();
		assertThat(TrustedProxies.ipLiteral("=1+2")).isNull();
		assertThat(TrustedProxies.ipLiteral("unknown")).isNull();
		assertThat(TrustedProxies.ipLiteral("999.1.1.1")).isNull();
		assertThat(TrustedProxies.ipLiteral(":::")).isNull();
	}

}
