package dev.tokenportal.api;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.http.ProblemDetail;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document's frame: what the API is and how a caller authenticates. The paths
 * and schemas come from the controllers (springdoc).
 *
 * @author Token Portal team
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

	@Bean
	OpenAPI tokenPortalApi() {
		return new OpenAPI()
			.info(new Info().title("Token Portal API")
				.version("v1")
				.description("Request, approve, create, renew and revoke GitLab project and group access tokens "
						+ "from scripts and pipelines. Authenticate with your own GitLab token "
						+ "(Authorization: Bearer): a personal, project, group or OAuth token with read_api "
						+ "(reads) or api (everything). Errors are RFC 9457 problem details whose type is "
						+ ApiProblems.TYPE_BASE + "`{code}`. Calls that change things take an Idempotency-Key."))
			.components(new Components().addSecuritySchemes("gitlab-token",
					new SecurityScheme().type(SecurityScheme.Type.HTTP)
						.scheme("bearer")
						.description("A GitLab personal, project, group or OAuth access token")));
	}

	/**
	 * Every operation can answer 401 (no or an invalid GitLab token), 403 (a scope
	 * missing) and 503 (GitLab could not be asked), as problem details.
	 */
	@Bean
	OpenApiCustomizer problemResponses() {
		return (api) -> {
			ModelConverters.getInstance()
				.read(ProblemDetail.class)
				.forEach((name, schema) -> api.getComponents().addSchemas(name, schema));
			Content problem = new Content().addMediaType(
					org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
					new MediaType().schema(new Schema<>().$ref("#/components/schemas/ProblemDetail")));
			api.getPaths().values().forEach((path) -> path.readOperations().forEach((operation) -> {
				operation.getResponses()
					.addApiResponse("401",
							new ApiResponse()
								.description(
										"No GitLab token, or one GitLab does not accept (unknown, expired, revoked)")
								.content(problem));
				operation.getResponses()
					.addApiResponse("403",
							new ApiResponse().description("The token lacks read_api (reads) or api (changes)")
								.content(problem));
				operation.getResponses()
					.addApiResponse("503", new ApiResponse().description("GitLab could not be asked").content(problem));
			}));
		};
	}

}
