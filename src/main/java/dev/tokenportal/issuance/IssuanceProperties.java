package dev.tokenportal.issuance;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of issuance.
 *
 * @param stuckAfter how long a request may stay {@code ISSUING} before reconciliation
 * treats it as abandoned (the instance crashed between the create call and recording its
 * answer); far longer than any GitLab call may take
 * @author Token Portal team
 */
@ConfigurationProperties("portal.issuance")
public record IssuanceProperties(@DefaultValue("10m") Duration stuckAfter) {
}
