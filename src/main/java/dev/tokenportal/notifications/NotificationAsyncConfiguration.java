package dev.tokenportal.notifications;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.interceptor.AsyncUncaughtExceptionHandler;
import org.springframework.aop.interceptor.SimpleAsyncUncaughtExceptionHandler;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.AsyncConfigurer;

/**
 * What becomes of an exception that leaves an asynchronous event listener. The
 * notification listener throws when a message could not be sent, so that the event
 * publication stays incomplete and is resubmitted; that is expected (a mail server or
 * chat is down) and {@link Notifier} has said so in one WARN line per message, so it is
 * not logged again as an ERROR with a stack trace. Messages are retried until they go
 * (NotificationRetryJob), so there is no give-up to report. Any other exception is an
 * ERROR, as by default.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class NotificationAsyncConfiguration implements AsyncConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(NotificationAsyncConfiguration.class);

	@Override
	public AsyncUncaughtExceptionHandler getAsyncUncaughtExceptionHandler() {
		AsyncUncaughtExceptionHandler others = new SimpleAsyncUncaughtExceptionHandler();
		return (ex, method, params) -> {
			if (ex instanceof NotificationFailedException) {
				logger.debug("{} left incomplete, to be resubmitted: {}", method.getName(), ex.getMessage());
				return;
			}
			others.handleUncaughtException(ex, method, params);
		};
	}

}
