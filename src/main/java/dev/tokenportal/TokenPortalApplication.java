package dev.tokenportal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Token Portal: self-service GitLab project and group access tokens with approvals,
 * one-time display and an audit trail.
 *
 * @author Token Portal team
 */
@SpringBootApplication
public class TokenPortalApplication {

	public static void main(String[] args) {
		SpringApplication.run(TokenPortalApplication.class, args);
	}

}
