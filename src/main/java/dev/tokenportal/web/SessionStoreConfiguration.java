package dev.tokenportal.web;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.PostgreSqlJdbcIndexedSessionRepositoryCustomizer;
import org.springframework.web.servlet.FlashMapManager;

/**
 * Sessions in PostgreSQL: attributes are written with an upsert, so POSTs racing in one
 * session (each leaving a flash message) never fail on a duplicate key. Boot's session
 * auto-configuration applies every repository customizer bean. The store is wrapped so
 * that a request writes the session row only when something changed or the row's
 * last-access time is a minute old ({@link SparingSessionRepository}).
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class SessionStoreConfiguration {

	/**
	 * Well under the 30-minute idle timeout, which it can shorten by this much at most.
	 */
	static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

	@Bean
	PostgreSqlJdbcIndexedSessionRepositoryCustomizer postgreSqlSessionAttributeUpserts() {
		return new PostgreSqlJdbcIndexedSessionRepositoryCustomizer();
	}

	/** Named as {@code DispatcherServlet} looks it up. */
	@Bean
	FlashMapManager flashMapManager() {
		return new SessionFreeFlashMaps();
	}

	@Bean
	static BeanPostProcessor sparingSessionRepository(ObjectProvider<MeterRegistry> meters) {
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings("unchecked")
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcIndexedSessionRepository repository) {
					// raw: the store's session type is package-private; save() gets back
					// the very objects it made
					FindByIndexNameSessionRepository<Session> store = (FindByIndexNameSessionRepository<Session>) (FindByIndexNameSessionRepository<?>) repository;
					return new SparingSessionRepository(store, TOUCH_INTERVAL, meters.getObject());
				}
				return bean;
			}

		};
	}

}
