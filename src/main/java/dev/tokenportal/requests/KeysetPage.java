package dev.tokenportal.requests;

import java.util.List;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * One page of a list read a page at a time by keyset ({@link ListCursor}).
 *
 * @param <T> what the list holds
 * @param items the rows of this page, never more than the page size
 * @param next where the next page starts, or {@code null} on the last page
 * @param first whether this is the first page
 * @author Token Portal team
 */
public record KeysetPage<T>(List<T> items, @Nullable ListCursor next, boolean first) {

	public KeysetPage {
		items = List.copyOf(items);
	}

	/**
	 * The same page with each row turned into something else.
	 * @param <R> what the rows become
	 * @param mapper how
	 * @return the page
	 */
	public <R> KeysetPage<R> map(Function<? super T, ? extends R> mapper) {
		return new KeysetPage<>(this.items.stream().<R>map(mapper).toList(), this.next, this.first);
	}

	public boolean isEmpty() {
		return this.items.isEmpty();
	}

	public boolean hasNext() {
		return this.next != null;
	}

	/**
	 * Reads one row more than the page holds to know whether another page follows.
	 * @param <T> what the list holds
	 * @param rows at most {@code size + 1} rows, in the list's order
	 * @param size the page size
	 * @param first whether this is the first page
	 * @param cursorOf the cursor a row ends a page with
	 * @return the page
	 */
	static <T> KeysetPage<T> of(List<T> rows, int size, boolean first, Function<T, ListCursor> cursorOf) {
		if (rows.size() <= size) {
			return new KeysetPage<>(rows, null, first);
		}
		List<T> page = rows.subList(0, size);
		return new KeysetPage<>(page, cursorOf.apply(page.get(size - 1)), first);
	}

}
