package dev.tokenportal.approvals;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the approvals feature ({@code portal.approvals.*}).
 *
 * @param pendingLapseAfter how long a request may wait for Owners, from submission,
 * before it lapses
 * @param approvedLapseAfter how long an approved request may wait for the requester to
 * create the token, from approval, before it lapses
 * @author Token Portal team
 */
@ConfigurationProperties("portal.approvals")
public record ApprovalProperties(@DefaultValue("7d") Duration pendingLapseAfter,
		@DefaultValue("7d") Duration approvedLapseAfter) {

}
