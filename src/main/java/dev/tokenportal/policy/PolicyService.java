package dev.tokenportal.policy;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The approval policy in force: the portal-wide rules and each top-level group's stricter
 * override, versioned so that every request records which version decided it.
 *
 * @author Token Portal team
 */
@Service
public class PolicyService {

	/** The scope of the portal-wide rules. */
	public static final String DEFAULT_SCOPE = "";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	PolicyService(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Decides a request under the policy in force for its top-level group.
	 * @param topLevelNamespace the target's top-level group (or user namespace)
	 * @param input the request
	 * @return the decision and the version that made it
	 */
	@Transactional(readOnly = true)
	public VersionedDecision evaluate(String topLevelNamespace, PolicyInput input) {
		return new VersionedDecision(PolicyEvaluator.evaluate(rulesFor(topLevelNamespace), input, topLevelNamespace),
				currentVersion());
	}

	/**
	 * The effective rules for a top-level group: the portal-wide rules, tightened by the
	 * group's override if it has one.
	 * @param topLevelNamespace the group's path
	 * @return the rules
	 */
	@Transactional(readOnly = true)
	public PolicyRules rulesFor(String topLevelNamespace) {
		PolicyRules base = latest(DEFAULT_SCOPE).map(PolicyVersion::rules).orElseGet(PolicyRules::defaults);
		return latest(topLevelNamespace).filter(PolicyVersion::active)
			.map((override) -> base.stricter(override.rules()))
			.orElse(base);
	}

	/**
	 * The newest version number of any rule set; 0 while only the built-in defaults
	 * apply.
	 * @return the version
	 */
	@Transactional(readOnly = true)
	public long currentVersion() {
		Long version = this.jdbc.queryForObject("select max(version) from approval_policy", Long.class);
		return (version != null) ? version : 0;
	}

	/**
	 * The rule set in force for a scope, if one was ever saved.
	 * @param scope {@link #DEFAULT_SCOPE} or a top-level group's path
	 * @return the newest version
	 */
	@Transactional(readOnly = true)
	public Optional<PolicyVersion> latest(String scope) {
		return this.jdbc
			.query("select * from approval_policy where scope = ? order by version desc limit 1",
					(rs, row) -> new PolicyVersion(rs.getLong("version"), rs.getString("scope"),
							JSON.readValue(rs.getString("rules"), PolicyRules.class), rs.getBoolean("active"),
							rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant(),
							rs.getString("comment")),
					scope)
			.stream()
			.findFirst();
	}

	/**
	 * Every version ever saved, newest first.
	 * @return the history
	 */
	@Transactional(readOnly = true)
	public List<PolicyVersion> history() {
		return this.jdbc.query("select * from approval_policy order by version desc",
				(rs, row) -> new PolicyVersion(rs.getLong("version"), rs.getString("scope"),
						JSON.readValue(rs.getString("rules"), PolicyRules.class), rs.getBoolean("active"),
						rs.getString("changed_by"), rs.getTimestamp("changed_at").toInstant(),
						rs.getString("comment")));
	}

	/**
	 * Saves a new version of a rule set. Portal admins only; audited in the same
	 * transaction.
	 * @param scope {@link #DEFAULT_SCOPE} or a top-level group's path
	 * @param rules the rules
	 * @param active {@code false} switches a group's override off
	 * @param comment why it changed
	 * @param admin who changed it
	 * @return the new version
	 */
	@PreAuthorize("hasRole('ADMIN')")
	@Transactional
	public PolicyVersion change(String scope, PolicyRules rules, boolean active, @Nullable String comment,
			PolicyEditor admin) {
		Long version = this.jdbc.queryForObject(
				"insert into approval_policy (scope, rules, active, changed_by, changed_at, comment) "
						+ "values (?, ?, ?, ?, ?, ?) returning version",
				Long.class, scope, JSON.writeValueAsString(rules), active, admin.username(),
				java.sql.Timestamp.from(this.clock.instant()), comment);
		this.events.publishEvent(new PolicyChanged(admin, this.clock.instant(), scope.isEmpty() ? "default" : scope,
				Objects.requireNonNull(version), active, JSON.writeValueAsString(rules), comment));
		return latest(scope).orElseThrow();
	}

	/**
	 * A decision with the policy version that made it.
	 *
	 * @param decision the decision
	 * @param policyVersion the version
	 */
	public record VersionedDecision(PolicyDecision decision, long policyVersion) {
	}

}
