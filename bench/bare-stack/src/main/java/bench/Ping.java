package bench;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;

@Entity
public class Ping {

	@Id
	Long id;

}
