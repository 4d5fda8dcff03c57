package dev.tokenportal.issuance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fingerprints are keyed: the same value gives the same fingerprint under one key, and
 * nothing of the value shows.
 *
 * @author Token Portal team
 */
class TokenFingerprintsTests {

	@Test
	void fingerprintsAreKeyed() {
		TokenFingerprints fingerprints = new TokenFingerprints("k".repeat(32));
		TokenFingerprints otherKey = new TokenFingerprints("o".repeat(32));
		assertThat(fingerprints.of("glpat-example")).hasSize(64)
			.isEqualTo(fingerprints.of("glpat-example"))
			.isNotEqualTo(fingerprints.of("glpat-other"))
			.isNotEqualTo(otherKey.of("glpat-example"))
			.doesNotContain("glpat");
	}

}
