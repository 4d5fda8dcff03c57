package dev.gitlabsandbox;

import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The OIDC signing key (RSA 2048, generated once per sandbox) and RS256 ID token signing.
 *
 * @author Token Portal team
 */
final class IdTokens {

	private final RSAKey key;

	IdTokens() {
		try {
			this.key = new RSAKeyGenerator(2048).keyID("sandbox-" + Secrets.hex(8))
				.keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The public key set served at {@code /oauth/discovery/keys}.
	 * @return the JWKS as a JSON object
	 */
	Map<String, Object> jwks() {
		return new JWKSet(this.key.toPublicJWK()).toJSONObject();
	}

	/**
	 * Sign claims whose {@code exp}, {@code iat} and {@code auth_time} are epoch seconds.
	 * @param claims the claims
	 * @return the compact JWS
	 */
	String sign(Map<String, Object> claims) {
		try {
			JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(this.key.getKeyID())
				.type(JOSEObjectType.JWT)
				.build();
			SignedJWT jwt = new SignedJWT(header, JWTClaimsSet.parse(claims));
			jwt.sign(new RSASSASigner(this.key));
			return jwt.serialize();
		}
		catch (JOSEException | ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
