package dev.tokenportal.api;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DatabindException;

import dev.tokenportal.approvals.ApprovalRefusedException;
import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.issuance.IssuanceFailedException;
import dev.tokenportal.issuance.TokenActionConflictException;
import dev.tokenportal.issuance.TokenActionRefusedException;
import dev.tokenportal.limits.RateLimitExceededException;
import dev.tokenportal.requests.ApproverCheckUnavailableException;
import dev.tokenportal.requests.IllegalTransitionException;
import dev.tokenportal.requests.RequestLapsedException;
import dev.tokenportal.requests.TokenRequestNotFoundException;

import org.springframework.context.MessageSource;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as a problem detail (RFC 9457) with a stable {@code type}
 * ({@value ApiProblems#TYPE_BASE}{@code <code>}) and the pages' words. Only for the API's
 * controllers; the pages keep their error pages.
 *
 * @author Token Portal team
 */
@RestControllerAdvice(basePackageClasses = ApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(ApiExceptionHandler.class);

	private final ApiProblems problems;

	// from the MessageSource alone: web slice tests load every controller advice, not the
	// API's components
	ApiExceptionHandler(MessageSource messages) {
		this.problems = new ApiProblems(messages);
	}

	@ExceptionHandler
	ProblemDetail notFound(TokenRequestNotFoundException ex) {
		return this.problems.of(HttpStatus.NOT_FOUND, "request-not-found");
	}

	@ExceptionHandler
	ProblemDetail badRequest(ApiBadRequestException ex) {
		List<ApiDtos.FieldProblem> fields = ex.fields()
			.stream()
			.map((field) -> new ApiDtos.FieldProblem(field.name(), this.problems.text(field.message())))
			.toList();
		ProblemDetail problem = this.problems.withDetail(ex.status(), ex.code(),
				fields.stream().map(ApiDtos.FieldProblem::message).distinct().collect(Collectors.joining(" ")));
		problem.setProperty("errors", fields);
		return problem;
	}

	@ExceptionHandler
	ProblemDetail idempotency(IdempotencyConflictException ex) {
		return this.problems.of(ex.status(), ex.code());
	}

	@ExceptionHandler
	ProblemDetail illegalTransition(IllegalTransitionException ex) {
		ProblemDetail problem = this.problems.of(HttpStatus.CONFLICT, "illegal-transition",
				new DefaultMessageSourceResolvable(new String[] { "requests.cancel.refused" },
						new Object[] { new DefaultMessageSourceResolvable("requests.status." + ex.current().name()) }));
		problem.setProperty("currentStatus", ex.current().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail conflict(TokenActionConflictException ex) {
		ProblemDetail problem = this.problems.of(HttpStatus.CONFLICT, "token-action-conflict",
				new DefaultMessageSourceResolvable("requests.status." + ex.current().name()));
		problem.setProperty("currentStatus", ex.current().name());
		return problem;
	}

	@ExceptionHandler
	ProblemDetail refused(TokenActionRefusedException ex) {
		return this.problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "token-action-refused", ex.problem());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> failed(IssuanceFailedException ex) {
		return ResponseEntity.status(ex.status())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(this.problems.of(ex.status(), "issuance-failed", ex.problem()));
	}

	@ExceptionHandler
	ProblemDetail approvalRefused(ApprovalRefusedException ex) {
		return ex.gitLabFailed() ? this.problems.of(HttpStatus.SERVICE_UNAVAILABLE, "gitlab-unavailable", ex)
				: this.problems.of(HttpStatus.CONFLICT, "approval-refused", ex);
	}

	@ExceptionHandler
	ProblemDetail lapsed(RequestLapsedException ex) {
		return this.problems.of(HttpStatus.GONE, "request-lapsed", ex.problem());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> limited(RateLimitExceededException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfter().toSeconds()))
			.body(this.problems.of(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", ex));
	}

	@ExceptionHandler
	ProblemDetail approverCheck(ApproverCheckUnavailableException ex) {
		return this.problems.of(HttpStatus.SERVICE_UNAVAILABLE, "gitlab-unavailable", "");
	}

	@ExceptionHandler
	ProblemDetail gitLab(GitLabException ex) {
		logger.warn("GitLab failed during an API call: {}", ex.getMessage());
		return this.problems.of(HttpStatus.SERVICE_UNAVAILABLE, "gitlab-unavailable", ex.getMessage());
	}

	@ExceptionHandler
	ProblemDetail typeMismatch(MethodArgumentTypeMismatchException ex) {
		return badRequest(
				new ApiBadRequestException(ex.getName(), "api.problem.invalid-parameter.field", ex.getName()));
	}

	@ExceptionHandler
	ProblemDetail unexpected(RuntimeException ex, HttpServletRequest request) {
		// no stack trace or message for the caller: the log has it
		logger.error("API call {} {} failed", request.getMethod(), request.getRequestURI(), ex);
		return this.problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error");
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		String field = fieldOf(ex);
		ProblemDetail problem = (field != null)
				? badRequest(new ApiBadRequestException(field, "api.problem.malformed-body.field", field))
				: this.problems.of(HttpStatus.BAD_REQUEST, "malformed-body");
		return ResponseEntity.badRequest().body(problem);
	}

	// every other MVC error (405, 406, 415, missing parameters, …): Spring's problem,
	// with a
	// type of ours and the title from our bundle
	@Override
	protected ResponseEntity<Object> createResponseEntity(@Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (body instanceof ProblemDetail problem
				&& (problem.getType() == null || URI.create("about:blank").equals(problem.getType()))) {
			String code = "http-" + statusCode.value();
			problem.setType(URI.create(ApiProblems.TYPE_BASE + code));
		}
		return super.createResponseEntity(body, headers, statusCode, request);
	}

	private static @Nullable String fieldOf(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		while (cause != null && !(cause instanceof DatabindException)) {
			cause = cause.getCause();
		}
		if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
			String path = databind.getPath()
				.stream()
				.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
						: "[" + reference.getIndex() + "]")
				.collect(Collectors.joining("."));
			return path.replace(".[", "[");
		}
		return null;
	}

}
