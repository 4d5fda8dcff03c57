package dev.tokenportal.notifications;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/**
 * The notification settings.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ NotificationProperties.class, PortalLinks.class, MailSettings.class,
		ChatSettings.class })
class NotificationConfiguration {

}
