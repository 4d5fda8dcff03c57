package dev.tokenportal.gitlab;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

/**
 * One page of a GitLab list, with what GitLab's offset pagination headers say about the
 * others.
 *
 * @param <T> the item type
 * @param items the items on this page
 * @param page this page's number, from 1
 * @param perPage the page size
 * @param nextPage the next page, or {@code null} on the last one
 * @param totalPages the number of pages, or {@code null} when GitLab omits it (over
 * 10,000 items)
 * @author Token Portal team
 */
public record GitLabPage<T>(List<T> items, int page, int perPage, @Nullable Integer nextPage,
		@Nullable Integer totalPages) {

	static <T> GitLabPage<T> of(ResponseEntity<List<T>> response, int requestedPage, int requestedPerPage) {
		HttpHeaders headers = response.getHeaders();
		List<T> body = response.getBody();
		return new GitLabPage<>((body != null) ? List.copyOf(body) : List.of(),
				intHeader(headers, "X-Page", requestedPage), intHeader(headers, "X-Per-Page", requestedPerPage),
				nullableIntHeader(headers, "X-Next-Page"), nullableIntHeader(headers, "X-Total-Pages"));
	}

	/**
	 * Whether there is a page before this one.
	 * @return {@code true} from page 2 on
	 */
	public boolean hasPrevious() {
		return this.page > 1;
	}

	/**
	 * Whether there is a page after this one.
	 * @return {@code true} unless this is the last page
	 */
	public boolean hasNext() {
		return this.nextPage != null;
	}

	/**
	 * The same page with its items mapped.
	 * @param <R> the new item type
	 * @param mapper how to map one item
	 * @return the mapped page
	 */
	public <R> GitLabPage<R> map(Function<T, R> mapper) {
		return new GitLabPage<>(this.items.stream().map(mapper).toList(), this.page, this.perPage, this.nextPage,
				this.totalPages);
	}

	private static int intHeader(HttpHeaders headers, String name, int fallback) {
		Integer value = nullableIntHeader(headers, name);
		return (value != null) ? value : fallback;
	}

	private static @Nullable Integer nullableIntHeader(HttpHeaders headers, String name) {
		String value = headers.getFirst(name);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(value.trim());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
