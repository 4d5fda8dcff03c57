package bench;

import org.springframework.data.jpa.repository.JpaRepository;

interface Pings extends JpaRepository<Ping, Long> {

}
