package dev.gitlabsandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Offset pagination with GitLab's headers (gitlab-api.md §8.1): {@code page} (default 1),
 * {@code per_page} (default 20, max 100), {@code X-*} totals and a {@code Link} header
 * whose URLs keep the request's query parameters.
 *
 * @author Token Portal team
 */
final class Pagination {

	private static final int DEFAULT_PER_PAGE = 20;

	private static final int MAX_PER_PAGE = 100;

	private Pagination() {
	}

	static SandboxResponse page(SandboxRequest request, List<?> items) {
		int perPage = clamp(request.params().string("per_page"), DEFAULT_PER_PAGE);
		perPage = Math.min(perPage, MAX_PER_PAGE);
		int page = clamp(request.params().string("page"), 1);
		int total = items.size();
		int totalPages = Math.max(1, (total + perPage - 1) / perPage);
		int from = Math.min(total, (page - 1) * perPage);
		List<?> slice = items.subList(from, Math.min(total, from + perPage));
		SandboxResponse response = SandboxResponse.json(200, slice);
		response.header("X-Page", String.valueOf(page))
			.header("X-Per-Page", String.valueOf(perPage))
			.header("X-Next-Page", (page < totalPages) ? String.valueOf(page + 1) : "")
			.header("X-Prev-Page", (page > 1 && page <= totalPages) ? String.valueOf(page - 1) : "")
			.header("X-Total", String.valueOf(total))
			.header("X-Total-Pages", String.valueOf(totalPages));
		List<String> links = new ArrayList<>();
		if (page > 1 && page <= totalPages) {
			links.add(link(request, page - 1, perPage, "prev"));
		}
		if (page < totalPages) {
			links.add(link(request, page + 1, perPage, "next"));
		}
		links.add(link(request, 1, perPage, "first"));
		links.add(link(request, totalPages, perPage, "last"));
		return response.header("Link", String.join(", ", links));
	}

	private static String link(SandboxRequest request, int page, int perPage, String rel) {
		// Like Rails' to_query: the request's parameters sorted by name, secrets left
		// out.
		Map<String, String> query = new TreeMap<>();
		String rawQuery = request.rawQuery();
		if (rawQuery != null && !rawQuery.isEmpty()) {
			for (String pair : rawQuery.split("&")) {
				String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
				if (!name.equals("private_token") && !name.equals("access_token")) {
					query.merge(name, pair, (first, next) -> first + "&" + next);
				}
			}
		}
		query.put("page", "page=" + page);
		query.put("per_page", "per_page=" + perPage);
		return "<" + request.baseUrl() + request.rawPath() + "?" + String.join("&", query.values()) + ">; rel=\"" + rel
				+ "\"";
	}

	private static int clamp(@Nullable String value, int fallback) {
		try {
			int parsed = (value != null) ? Integer.parseInt(value) : fallback;
			return (parsed < 1) ? fallback : parsed;
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
