package dev.tokenportal.notifications;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The portal's own mail settings; the server is Spring Boot's {@code spring.mail.*}
 * ({@code SPRING_MAIL_HOST}, …).
 *
 * @param from the sender address ({@code PORTAL_MAIL_FROM})
 * @author Token Portal team
 */
@ConfigurationProperties("portal.mail")
record MailSettings(@DefaultValue("token-portal@localhost") String from) {

}
