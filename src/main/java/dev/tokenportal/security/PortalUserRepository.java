package dev.tokenportal.security;

import java.util.Optional;

import org.springframework.data.repository.Repository;

/**
 * The portal's users.
 *
 * @author Token Portal team
 */
interface PortalUserRepository extends Repository<PortalUser, Long> {

	Optional<PortalUser> findById(long gitlabUserId);

	PortalUser save(PortalUser user);

}
