package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The portal's frameworks with nothing of the portal: one entity, one repository, one page. */
@SpringBootApplication
@EnableCaching
@RestController
public class BareStack {

	private final Pings pings;

	BareStack(Pings pings) {
		this.pings = pings;
	}

	@GetMapping("/ping")
	String ping() {
		return "pong " + this.pings.count();
	}

	@Bean
	SecurityFilterChain security(HttpSecurity http) throws Exception {
		return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/ping", "/actuator/health")
			.permitAll()
			.anyRequest()
			.authenticated()).oauth2Login(Customizer.withDefaults()).build();
	}

	public static void main(String[] args) {
		SpringApplication.run(BareStack.class, args);
	}

}
