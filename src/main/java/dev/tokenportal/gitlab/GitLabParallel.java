package dev.tokenportal.gitlab;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Supplier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Runs independent GitLab calls of one page side by side on a small bounded pool (Java 17
 * has no virtual threads). Each task sees the caller's security context and request, so
 * calls with the signed-in user's own token find it. When the pool and its queue are
 * full, the caller runs the call itself: slower, never refused.
 *
 * @author Token Portal team
 */
@Component
class GitLabParallel implements DisposableBean {

	/** At most this many calls to GitLab at once from this instance's pages. */
	static final int THREADS = 8;

	private final ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();

	GitLabParallel() {
		this.executor.setThreadNamePrefix("gitlab-");
		this.executor.setCorePoolSize(THREADS);
		this.executor.setMaxPoolSize(THREADS);
		this.executor.setQueueCapacity(200);
		this.executor.setAllowCoreThreadTimeOut(true);
		this.executor.setRejectedExecutionHandler(new ThreadPoolExecutor.CallerRunsPolicy());
		this.executor.setTaskDecorator(GitLabParallel::withCallersContext);
		this.executor.initialize();
	}

	/**
	 * Runs the calls side by side and waits for all of them.
	 * @param <T> what each call returns
	 * @param calls the calls
	 * @return their results, in the order of the calls
	 * @throws RuntimeException the first call's failure, once all have ended
	 */
	<T> List<T> all(List<Supplier<T>> calls) {
		if (calls.size() == 1) {
			return List.of(calls.get(0).get());
		}
		List<CompletableFuture<T>> futures = new ArrayList<>();
		calls.forEach((call) -> futures.add(CompletableFuture.supplyAsync(call, this.executor)));
		try {
			CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).join();
		}
		catch (CompletionException ex) {
			// every call has ended: the first failure, as the caller would have seen it
			for (CompletableFuture<T> future : futures) {
				if (future.isCompletedExceptionally()) {
					throw unwrapped(future);
				}
			}
		}
		return futures.stream().map(CompletableFuture::join).toList();
	}

	private static RuntimeException unwrapped(CompletableFuture<?> failed) {
		try {
			failed.join();
			return new IllegalStateException("not failed");
		}
		catch (CompletionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				return runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			return ex;
		}
	}

	private static Runnable withCallersContext(Runnable task) {
		SecurityContext security = SecurityContextHolder.getContext();
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		return () -> {
			SecurityContextHolder.setContext(security);
			RequestContextHolder.setRequestAttributes(request);
			try {
				task.run();
			}
			finally {
				RequestContextHolder.resetRequestAttributes();
				SecurityContextHolder.clearContext();
			}
		};
	}

	@Override
	public void destroy() {
		this.executor.shutdown();
	}

}
