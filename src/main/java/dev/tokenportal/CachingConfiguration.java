package dev.tokenportal;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/**
 * Short-lived Caffeine caches for GitLab facts that pages only display (Boot's
 * {@code CaffeineCacheManager}). Each feature registers its own caches, each with a
 * lifetime and a maximum size, through a {@code CacheManagerCustomizer}; a decision never
 * reads them.
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CachingConfiguration {

}
