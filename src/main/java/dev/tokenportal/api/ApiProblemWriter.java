package dev.tokenportal.api;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes a problem from the security filters, before any controller runs: the same JSON
 * as the controllers' problems, with the {@code WWW-Authenticate} challenge RFC 6750 asks
 * for.
 *
 * @author Token Portal team
 */
@Component
class ApiProblemWriter {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final ApiProblems problems;

	ApiProblemWriter(ApiProblems problems) {
		this.problems = problems;
	}

	void write(HttpServletRequest request, HttpServletResponse response, ApiCallerRejectedException rejected)
			throws IOException {
		ProblemDetail problem = this.problems.of(rejected.status(), rejected.code(), rejected.args());
		write(request, response, problem, rejected.challenge());
	}

	void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem,
			@Nullable String challenge) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("type", String.valueOf(problem.getType()));
		body.put("title", problem.getTitle());
		body.put("status", problem.getStatus());
		body.put("detail", problem.getDetail());
		body.put("instance", request.getRequestURI());
		response.setStatus(problem.getStatus());
		if (challenge != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
		}
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding("UTF-8");
		JSON.writeValue(response.getOutputStream(), body);
	}

}
