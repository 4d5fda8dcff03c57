package bench;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@SpringBootApplication
@RestController
public class BareWeb {

	@GetMapping("/ping")
	String ping() {
		return "pong";
	}

	public static void main(String[] args) {
		SpringApplication.run(BareWeb.class, args);
	}

}
