package dev.tokenportal;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Empties the portal's caches before every test method. Test classes share one portal and
 * reset the GitLab sandbox to its seed; what the portal remembered of another test's
 * GitLab is not this test's business.
 *
 * @author Token Portal team
 */
public class PortalCachesTestExecutionListener implements TestExecutionListener {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			clear(testContext.getApplicationContext().getBeanProvider(CacheManager.class).stream().toList());
		}
	}

	/**
	 * Empties every cache of the given managers.
	 * @param managers the cache managers
	 */
	public static void clear(Iterable<CacheManager> managers) {
		for (CacheManager manager : managers) {
			for (String name : manager.getCacheNames()) {
				Cache cache = manager.getCache(name);
				if (cache != null) {
					cache.clear();
				}
			}
		}
	}

}
