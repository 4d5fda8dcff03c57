package dev.tokenportal.delivery;

import java.util.UUID;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.requests.TokenRequestNotFoundException;
import dev.tokenportal.requests.TokenRequestService;
import dev.tokenportal.requests.VariableDestination;
import org.springframework.stereotype.Component;

/**
 * What the token buttons of a request's page ask about delivery ({@code @tokenDeliveries}
 * in {@code tokens/_actions.html}).
 *
 * @author Token Portal team
 */
@Component("tokenDeliveries")
public class TokenDeliveries {

	private final TokenRequestService requests;

	TokenDeliveries(TokenRequestService requests) {
		this.requests = requests;
	}

	/**
	 * The CI/CD variable a request's token will go into, if it names one.
	 * @param requestId the request
	 * @return the destination, or {@code null} when the value will be shown
	 */
	public @Nullable VariableDestination planned(UUID requestId) {
		try {
			return this.requests.get(requestId).getDestination();
		}
		catch (TokenRequestNotFoundException ex) {
			return null;
		}
	}

}
