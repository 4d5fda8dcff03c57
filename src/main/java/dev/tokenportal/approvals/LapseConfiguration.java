package dev.tokenportal.approvals;

import dev.tokenportal.requests.LapseRule;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The lapse rule from the approvals settings, for the lapse job and for every action that
 * checks it (approve, reject, create).
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApprovalProperties.class)
class LapseConfiguration {

	@Bean
	LapseRule lapseRule(ApprovalProperties properties) {
		return new LapseRule(properties.pendingLapseAfter(), properties.approvedLapseAfter());
	}

}
