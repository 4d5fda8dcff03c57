package dev.tokenportal.requests;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.policy.PolicyDecision;
import dev.tokenportal.policy.Tier;

/**
 * A request for a project or group access token, from submission to revocation. State
 * changes are methods that check where the request stands; {@link Version} makes two
 * concurrent changes (two tabs, two approvers) collide instead of both winning. The
 * token's value is never here: only GitLab's token id and a keyed fingerprint.
 *
 * @author Token Portal team
 */
@Entity
@Table(name = "token_request")
public class TokenRequest {

	/**
	 * Prefix of the short id in GitLab token names, so the portal can find its tokens.
	 */
	public static final String NAME_MARKER = "tp-";

	/**
	 * How pages and GitLab's token names refer to a request: the marker and its short id.
	 * @param id the request
	 * @return e.g. {@code tp-6f1c2a3b}
	 */
	public static String reference(UUID id) {
		return NAME_MARKER + id.toString().substring(0, 8);
	}

	/** GitLab's Guest level: the least that makes a user a member. */
	static final int MINIMUM_MEMBER_LEVEL = 10;

	@Id
	private UUID id;

	private String shortId;

	private long requesterId;

	private String requesterUsername;

	private @Nullable Integer requesterAccessLevel;

	@Enumerated(EnumType.STRING)
	private GitLabResource targetType;

	private long targetId;

	private String targetPath;

	private String tokenName;

	private @Nullable String description;

	private String scopes;

	private int accessLevel;

	private LocalDate expiresOn;

	/** A lifetime in hours from Create ({@link HourLifetime}), else {@code null}. */
	private @Nullable Integer lifetimeHours;

	/** The exact end of an hour token, when the portal revokes it. */
	private @Nullable Instant revokeAt;

	private String justification;

	@Enumerated(EnumType.STRING)
	private Tier tier;

	private String policyRule;

	/** The English sentence of a row written before V29; new reasons are codes. */
	@Column(name = "policy_reason")
	private @Nullable String legacyPolicyReason;

	private @Nullable String policyReasonCode;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private String @Nullable [] policyReasonArgs;

	private long policyVersion;

	private int requiredApprovals;

	@Enumerated(EnumType.STRING)
	private TokenRequestStatus status;

	/** The English sentence of a row written before V19; new reasons are codes. */
	@Column(name = "status_reason")
	private @Nullable String legacyStatusReason;

	private @Nullable String statusReasonCode;

	@JdbcTypeCode(SqlTypes.ARRAY)
	private String @Nullable [] statusReasonArgs;

	private boolean awaitingChange;

	private @Nullable Long gitlabTokenId;

	private @Nullable String gitlabTokenName;

	private @Nullable String issuedScopes;

	private @Nullable Integer issuedAccessLevel;

	private @Nullable LocalDate issuedExpiresOn;

	private @Nullable String tokenFingerprint;

	@Column(name = "renewal_of")
	private @Nullable UUID renewalOf;

	private Instant createdAt;

	private Instant updatedAt;

	private @Nullable Instant approvedAt;

	private @Nullable Instant issuedAt;

	private @Nullable Instant revokedAt;

	private @Nullable Instant approvalClockFrom;

	@Enumerated(EnumType.STRING)
	private @Nullable GitLabResource deliveryTargetType;

	private @Nullable Long deliveryTargetId;

	private @Nullable String deliveryTargetPath;

	private @Nullable String deliveryVariableKey;

	private @Nullable String deliveryEnvironmentScope;

	private @Nullable Boolean deliveryProtected;

	private @Nullable Boolean deliveryMaskedAndHidden;

	private boolean autoRotate;

	private boolean deliveryChosenAtCreate;

	@Version
	private long version;

	protected TokenRequest() {
	}

	/**
	 * A new request, as the policy decided it: low tier is approved at once, others wait
	 * for Owners.
	 * @param draft what was asked
	 * @param decision the policy's decision (never {@code DENIED})
	 * @param policyVersion the policy version that decided
	 * @param now the time
	 * @return the request
	 */
	public static TokenRequest submit(Draft draft, PolicyDecision decision, long policyVersion, Instant now) {
		if (!decision.allowed()) {
			throw new IllegalArgumentException("A denied request is not saved: " + decision.rule());
		}
		TokenRequest request = new TokenRequest();
		request.id = UUID.randomUUID();
		request.shortId = request.id.toString().substring(0, 8);
		request.requesterId = draft.requesterId();
		request.requesterUsername = draft.requesterUsername();
		request.requesterAccessLevel = draft.requesterAccessLevel();
		request.targetType = draft.target().resource();
		request.targetId = draft.target().id();
		request.targetPath = draft.target().fullPath();
		request.tokenName = draft.tokenName();
		request.description = draft.description();
		request.scopes = String.join(" ", draft.scopes());
		request.accessLevel = draft.accessLevel();
		request.expiresOn = draft.expiresOn();
		request.lifetimeHours = draft.lifetimeHours();
		request.justification = draft.justification();
		request.tier = decision.tier();
		request.policyRule = decision.rule();
		StatusReason reason = StatusReason.from(decision.reason());
		request.policyReasonCode = reason.code();
		request.policyReasonArgs = reason.args().toArray(String[]::new);
		request.policyVersion = policyVersion;
		request.requiredApprovals = decision.requiredApprovals();
		request.renewalOf = draft.renewalOf();
		VariableDestination destination = draft.destination();
		if (destination != null) {
			request.deliveryTargetType = destination.owner().resource();
			request.deliveryTargetId = destination.owner().id();
			request.deliveryTargetPath = destination.owner().fullPath();
			request.deliveryVariableKey = destination.key();
			request.deliveryEnvironmentScope = destination.environmentScope();
			request.deliveryProtected = destination.protectedOnly();
			request.deliveryMaskedAndHidden = destination.maskedAndHidden();
		}
		else if (draft.autoRotate()) {
			throw new IllegalArgumentException("Only a delivered token can be rotated by the portal");
		}
		request.autoRotate = draft.autoRotate();
		request.createdAt = now;
		request.updatedAt = now;
		if (decision.requiredApprovals() == 0) {
			request.status = TokenRequestStatus.APPROVED;
			request.approvedAt = now;
			request.approvalClockFrom = now;
		}
		else {
			request.status = TokenRequestStatus.PENDING_APPROVAL;
		}
		return request;
	}

	/**
	 * Enough Owners have approved.
	 * @param now the time
	 */
	void approve(Instant now) {
		require("approve", TokenRequestStatus.PENDING_APPROVAL);
		this.approvedAt = now;
		this.approvalClockFrom = now;
		moveTo(TokenRequestStatus.APPROVED, null, now);
	}

	/**
	 * An Owner rejected it.
	 * @param reason the Owner's reason ({@link StatusReason#REJECTED} with the Owner's
	 * words), shown to the requester
	 * @param now the time
	 */
	void reject(StatusReason reason, Instant now) {
		require("reject", TokenRequestStatus.PENDING_APPROVAL);
		moveTo(TokenRequestStatus.REJECTED, reason, now);
	}

	/**
	 * The requester withdraws it before a token exists.
	 * @param now the time
	 */
	void cancel(Instant now) {
		require("cancel", TokenRequestStatus.PENDING_APPROVAL, TokenRequestStatus.APPROVED);
		moveTo(TokenRequestStatus.CANCELLED, null, now);
	}

	/**
	 * Pending or approved for too long.
	 * @param reason what lapsed, in words
	 * @param now the time
	 */
	void lapse(StatusReason reason, Instant now) {
		require("lapse", TokenRequestStatus.PENDING_APPROVAL, TokenRequestStatus.APPROVED);
		moveTo(TokenRequestStatus.LAPSED, reason, now);
	}

	/**
	 * The requester pressed Create token: claims the request before GitLab is called, so
	 * a second press finds it {@code ISSUING}.
	 * @param now the time
	 */
	void startIssuing(Instant now) {
		require("create a token for", TokenRequestStatus.APPROVED);
		moveTo(TokenRequestStatus.ISSUING, null, now);
	}

	/**
	 * GitLab created the token.
	 * @param token what GitLab returned
	 * @param fingerprint the keyed fingerprint of the value
	 * @param now the time
	 */
	void issued(IssuedToken token, String fingerprint, Instant now) {
		require("record the token of", TokenRequestStatus.ISSUING);
		recordToken(token, fingerprint);
		this.issuedAt = now;
		this.revokeAt = (this.lifetimeHours != null) ? HourLifetime.end(now, this.lifetimeHours) : null;
		moveTo(TokenRequestStatus.ISSUED, null, now);
	}

	/**
	 * GitLab refused the create.
	 * @param reason GitLab's reason in plain words
	 * @param pressAgain whether pressing again may work (the request goes back to
	 * {@code APPROVED}) or not ({@code FAILED})
	 * @param now the time
	 */
	void issueRefused(StatusReason reason, boolean pressAgain, Instant now) {
		issueRefused(reason, pressAgain, false, now);
	}

	/**
	 * GitLab refused the create.
	 * @param reason GitLab's reason in plain words
	 * @param pressAgain whether pressing again may work (the request goes back to
	 * {@code APPROVED}) or not ({@code FAILED})
	 * @param awaitingChange whether pressing again can only work after someone changes
	 * something in GitLab or the portal (the reason says what)
	 * @param now the time
	 */
	void issueRefused(StatusReason reason, boolean pressAgain, boolean awaitingChange, Instant now) {
		require("record a refusal for", TokenRequestStatus.ISSUING);
		if (pressAgain) {
			// a fresh week, not whatever was left of the first
			this.approvalClockFrom = now;
		}
		moveTo(pressAgain ? TokenRequestStatus.APPROVED : TokenRequestStatus.FAILED, reason, now);
		this.awaitingChange = pressAgain && awaitingChange;
	}

	/**
	 * GitLab's answer to the create was lost.
	 * @param reason what happened
	 * @param now the time
	 */
	void issueUnknown(StatusReason reason, Instant now) {
		require("mark unknown", TokenRequestStatus.ISSUING);
		moveTo(TokenRequestStatus.ISSUE_UNKNOWN, reason, now);
	}

	/**
	 * Reconciliation revoked whatever GitLab made for this request (nobody saw its
	 * value); the requester may press again.
	 * @param reason what reconciliation did
	 * @param now the time
	 */
	void reconciled(StatusReason reason, Instant now) {
		require("reconcile", TokenRequestStatus.ISSUE_UNKNOWN, TokenRequestStatus.ISSUING);
		clearToken();
		this.approvalClockFrom = now;
		moveTo(TokenRequestStatus.APPROVED, reason, now);
	}

	/**
	 * The requester's hourly allowance refused the create that had just claimed the
	 * request: back to {@code APPROVED}, nothing was sent to GitLab. The lapse clock runs
	 * on.
	 * @param reason why, in words
	 * @param now the time
	 */
	void claimWithdrawn(StatusReason reason, Instant now) {
		require("withdraw the claim on", TokenRequestStatus.ISSUING);
		moveTo(TokenRequestStatus.APPROVED, reason, now);
	}

	/**
	 * The requester chose, at Create token, a CI/CD variable for a request that had none.
	 * @param destination where the token goes
	 * @param now the time
	 */
	void destinationChosen(VariableDestination destination, Instant now) {
		require("choose a destination for", TokenRequestStatus.APPROVED);
		if (getDestination() != null) {
			throw new IllegalTransitionException("choose another destination for", this.status);
		}
		setDestination(destination);
		this.deliveryChosenAtCreate = true;
		this.updatedAt = now;
	}

	/**
	 * The token could not be written to its CI/CD variable and was revoked: back to
	 * {@code APPROVED}. A destination chosen at Create token is given back, so the
	 * requester may choose another.
	 * @param reason why, in plain words
	 * @param awaitingChange whether pressing again can only work once someone changed
	 * what the reason names
	 * @param now the time
	 */
	void notDelivered(StatusReason reason, boolean awaitingChange, Instant now) {
		reconciled(reason, now);
		this.awaitingChange = awaitingChange;
		if (this.deliveryChosenAtCreate) {
			setDestination(null);
			this.deliveryChosenAtCreate = false;
		}
	}

	private void setDestination(@Nullable VariableDestination destination) {
		this.deliveryTargetType = (destination != null) ? destination.owner().resource() : null;
		this.deliveryTargetId = (destination != null) ? destination.owner().id() : null;
		this.deliveryTargetPath = (destination != null) ? destination.owner().fullPath() : null;
		this.deliveryVariableKey = (destination != null) ? destination.key() : null;
		this.deliveryEnvironmentScope = (destination != null) ? destination.environmentScope() : null;
		this.deliveryProtected = (destination != null) ? destination.protectedOnly() : null;
		this.deliveryMaskedAndHidden = (destination != null) ? destination.maskedAndHidden() : null;
	}

	/**
	 * The requester never received the page with the value; the token was revoked and
	 * they may create again. The lapse clock is not restarted: the week from approval
	 * still ends when it did.
	 * @param now the time
	 */
	void notReceived(Instant now) {
		require("report a missing token for", TokenRequestStatus.ISSUED);
		clearToken();
		this.issuedAt = null;
		moveTo(TokenRequestStatus.APPROVED, StatusReason.of(StatusReason.NOT_RECEIVED), now);
	}

	/**
	 * The token was revoked.
	 * @param reason who revoked it and why
	 * @param now the time
	 */
	void revoked(StatusReason reason, Instant now) {
		require("revoke", TokenRequestStatus.ISSUED);
		this.revokedAt = now;
		moveTo(TokenRequestStatus.REVOKED, reason, now);
	}

	/**
	 * The token reached its expiry date.
	 * @param now the time
	 */
	void expired(Instant now) {
		require("expire", TokenRequestStatus.ISSUED);
		moveTo(TokenRequestStatus.EXPIRED, null, now);
	}

	/**
	 * The token was rotated: GitLab made a new one (new id and value), the old is
	 * revoked.
	 * @param token the new token
	 * @param fingerprint the new value's fingerprint
	 * @param now the time
	 */
	void rotated(IssuedToken token, String fingerprint, Instant now) {
		require("rotate", TokenRequestStatus.ISSUED);
		recordToken(token, fingerprint);
		this.issuedAt = now;
		// the hours start again from the rotation
		this.revokeAt = (this.lifetimeHours != null) ? HourLifetime.end(now, this.lifetimeHours) : null;
		this.updatedAt = now;
	}

	/**
	 * The token's scopes as GitLab made it, or as asked while it is not made yet.
	 * @return the scopes
	 */
	public List<String> tokenScopes() {
		List<String> issued = getIssuedScopes();
		return issued.isEmpty() ? getScopes() : issued;
	}

	/**
	 * The token's access level as GitLab made it, or as asked.
	 * @return the level
	 */
	public int tokenAccessLevel() {
		return (this.issuedAccessLevel != null) ? this.issuedAccessLevel : this.accessLevel;
	}

	/**
	 * The token's expiry date as GitLab made it, or as asked.
	 * @return the date
	 */
	public LocalDate tokenExpiresOn() {
		return (this.issuedExpiresOn != null) ? this.issuedExpiresOn : this.expiresOn;
	}

	/**
	 * The expiry date to ask of GitLab for a token made now: the date asked for, or for
	 * an hour lifetime the backstop after its end ({@link HourLifetime#gitlabExpiresOn}).
	 * @param now the moment of the create or rotation
	 * @return the date
	 */
	public LocalDate gitlabExpiresOn(Instant now) {
		return (this.lifetimeHours != null) ? HourLifetime.gitlabExpiresOn(now, this.lifetimeHours) : this.expiresOn;
	}

	/**
	 * The least effective level the requester must still hold on the target whenever a
	 * token is made or renewed for this request: what they had when the decision was
	 * taken, up to the token's own level. A request recorded before the portal kept the
	 * requester's level asks for membership only (Guest).
	 * @return the GitLab access level
	 */
	public int requiredRequesterLevel() {
		if (this.requesterAccessLevel == null) {
			return MINIMUM_MEMBER_LEVEL;
		}
		return Math.min(this.requesterAccessLevel, this.accessLevel);
	}

	/**
	 * The name the token gets in GitLab. Names are not unique there, so it carries the
	 * requester and the request's short id, which reconciliation searches for.
	 * @return the GitLab token name
	 */
	public String gitlabName() {
		return this.tokenName + " (" + this.requesterUsername + ", " + NAME_MARKER + this.shortId + ")";
	}

	/**
	 * Whether a GitLab token name belongs to this request.
	 * @param name a token name from GitLab
	 * @return {@code true} if it carries this request's short id
	 */
	public boolean owns(String name) {
		return name.contains(NAME_MARKER + this.shortId + ")");
	}

	/**
	 * The target as GitLab knows it.
	 * @return the target
	 */
	public GitLabTarget target() {
		return new GitLabTarget(this.targetType, this.targetId, this.targetPath);
	}

	/**
	 * Whether a user asked for this.
	 * @param gitlabUserId the user
	 * @return {@code true} for the requester
	 */
	public boolean isRequestedBy(long gitlabUserId) {
		return this.requesterId == gitlabUserId;
	}

	private void recordToken(IssuedToken token, String fingerprint) {
		this.gitlabTokenId = token.id();
		this.gitlabTokenName = token.name();
		this.issuedScopes = String.join(" ", token.scopes());
		this.issuedAccessLevel = token.accessLevel();
		this.issuedExpiresOn = token.expiresOn();
		this.tokenFingerprint = fingerprint;
	}

	private void clearToken() {
		this.gitlabTokenId = null;
		this.gitlabTokenName = null;
		this.issuedScopes = null;
		this.issuedAccessLevel = null;
		this.issuedExpiresOn = null;
		this.tokenFingerprint = null;
		this.revokeAt = null;
	}

	private void require(String action, TokenRequestStatus... allowed) {
		if (!Arrays.asList(allowed).contains(this.status)) {
			throw new IllegalTransitionException(action, this.status);
		}
	}

	private void moveTo(TokenRequestStatus next, @Nullable StatusReason reason, Instant now) {
		this.status = next;
		this.statusReasonCode = (reason != null) ? reason.code() : null;
		this.statusReasonArgs = (reason != null) ? reason.args().toArray(String[]::new) : null;
		this.legacyStatusReason = (reason != null) ? reason.legacyText() : null;
		this.awaitingChange = false;
		this.updatedAt = now;
	}

	public UUID getId() {
		return this.id;
	}

	public String getShortId() {
		return this.shortId;
	}

	public long getRequesterId() {
		return this.requesterId;
	}

	public String getRequesterUsername() {
		return this.requesterUsername;
	}

	/**
	 * Whether the request is approved but GitLab refused its token for a reason that does
	 * not go away by itself; the status reason says what must change.
	 * @return {@code true} until the next change of state
	 */
	public boolean isAwaitingChange() {
		return this.awaitingChange;
	}

	public @Nullable Integer getRequesterAccessLevel() {
		return this.requesterAccessLevel;
	}

	public GitLabResource getTargetType() {
		return this.targetType;
	}

	public long getTargetId() {
		return this.targetId;
	}

	public String getTargetPath() {
		return this.targetPath;
	}

	public String getTokenName() {
		return this.tokenName;
	}

	public @Nullable String getDescription() {
		return this.description;
	}

	public List<String> getScopes() {
		return split(this.scopes);
	}

	public int getAccessLevel() {
		return this.accessLevel;
	}

	public LocalDate getExpiresOn() {
		return this.expiresOn;
	}

	public @Nullable Integer getLifetimeHours() {
		return this.lifetimeHours;
	}

	public @Nullable Instant getRevokeAt() {
		return this.revokeAt;
	}

	public String getJustification() {
		return this.justification;
	}

	public Tier getTier() {
		return this.tier;
	}

	public String getPolicyRule() {
		return this.policyRule;
	}

	/**
	 * Why the policy chose the tier, to resolve against the bundles; a row written before
	 * V29 gives back its English sentence as the default message.
	 * @return the reason
	 */
	public StatusReason getPolicyReason() {
		if (this.policyReasonCode != null) {
			return new StatusReason(this.policyReasonCode,
					(this.policyReasonArgs != null) ? List.of(this.policyReasonArgs) : List.of(), null);
		}
		return StatusReason.legacy(Objects.requireNonNullElse(this.legacyPolicyReason, ""));
	}

	public long getPolicyVersion() {
		return this.policyVersion;
	}

	public int getRequiredApprovals() {
		return this.requiredApprovals;
	}

	public TokenRequestStatus getStatus() {
		return this.status;
	}

	/**
	 * Why the request stands where it is, to resolve against the bundles; a row written
	 * before V19 gives back its English sentence as the default message.
	 * @return the reason, or {@code null}
	 */
	public @Nullable StatusReason getStatusReason() {
		if (this.statusReasonCode != null) {
			return new StatusReason(this.statusReasonCode,
					(this.statusReasonArgs != null) ? List.of(this.statusReasonArgs) : List.of(), null);
		}
		return (this.legacyStatusReason != null) ? StatusReason.legacy(this.legacyStatusReason) : null;
	}

	public @Nullable Long getGitlabTokenId() {
		return this.gitlabTokenId;
	}

	public @Nullable String getGitlabTokenName() {
		return this.gitlabTokenName;
	}

	public List<String> getIssuedScopes() {
		return split(this.issuedScopes);
	}

	public @Nullable Integer getIssuedAccessLevel() {
		return this.issuedAccessLevel;
	}

	public @Nullable LocalDate getIssuedExpiresOn() {
		return this.issuedExpiresOn;
	}

	public @Nullable String getTokenFingerprint() {
		return this.tokenFingerprint;
	}

	public @Nullable UUID getRenewalOf() {
		return this.renewalOf;
	}

	public Instant getCreatedAt() {
		return this.createdAt;
	}

	public Instant getUpdatedAt() {
		return this.updatedAt;
	}

	public @Nullable Instant getApprovedAt() {
		return this.approvedAt;
	}

	public @Nullable Instant getIssuedAt() {
		return this.issuedAt;
	}

	public @Nullable Instant getRevokedAt() {
		return this.revokedAt;
	}

	/**
	 * When the approved-lapse clock last started: the approval, or the last refused or
	 * reconciled create.
	 * @return the moment, or {@code null} for a request never approved
	 */
	public @Nullable Instant getApprovalClockFrom() {
		return this.approvalClockFrom;
	}

	/**
	 * Where the token goes instead of being shown, if the requester chose a CI/CD
	 * variable.
	 * @return the destination, or {@code null} when the value is shown once
	 */
	public @Nullable VariableDestination getDestination() {
		if (this.deliveryTargetType == null || this.deliveryTargetId == null || this.deliveryTargetPath == null
				|| this.deliveryVariableKey == null || this.deliveryEnvironmentScope == null) {
			return null;
		}
		return new VariableDestination(
				new GitLabTarget(this.deliveryTargetType, this.deliveryTargetId, this.deliveryTargetPath),
				this.deliveryVariableKey, this.deliveryEnvironmentScope, Boolean.TRUE.equals(this.deliveryProtected),
				Boolean.TRUE.equals(this.deliveryMaskedAndHidden));
	}

	/**
	 * Whether the approvers approved, with the request, that the portal rotate the
	 * delivered token before it expires without asking again.
	 * @return {@code true} if so
	 */
	public boolean isAutoRotate() {
		return this.autoRotate;
	}

	/**
	 * Whether the requester chose the destination at Create token, so the Owners did not
	 * see it.
	 * @return {@code true} if so
	 */
	public boolean isDeliveryChosenAtCreate() {
		return this.deliveryChosenAtCreate;
	}

	public long getVersion() {
		return this.version;
	}

	@Override
	public String toString() {
		return "TokenRequest[" + this.shortId + ", " + this.targetPath + ", " + this.status + "]";
	}

	private static List<String> split(@Nullable String joined) {
		return (joined == null || joined.isBlank()) ? List.of() : List.of(joined.split(" "));
	}

	/**
	 * What a requester asks for, after validation.
	 *
	 * @param requesterId the requester's GitLab id
	 * @param requesterUsername the requester's username
	 * @param requesterAccessLevel the requester's own effective level on the target, as
	 * GitLab reported it at submission
	 * @param target the project or group
	 * @param tokenName the token's name
	 * @param description an optional description
	 * @param scopes the scopes
	 * @param accessLevel the access level
	 * @param expiresOn the expiry date
	 * @param justification why the token is needed
	 * @param renewalOf the request this one renews, if any
	 * @param destination the CI/CD variable the token goes to, or {@code null} to show it
	 * once
	 * @param autoRotate whether the portal may rotate the delivered token before expiry
	 * without asking again (only with a destination)
	 * @param lifetimeHours a lifetime in hours from Create, or {@code null} for the date
	 */
	public record Draft(long requesterId, String requesterUsername, @Nullable Integer requesterAccessLevel,
			GitLabTarget target, String tokenName, @Nullable String description, Collection<String> scopes,
			int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf,
			@Nullable VariableDestination destination, boolean autoRotate, @Nullable Integer lifetimeHours) {

		/**
		 * A draft whose token is shown once, with a lifetime by date.
		 */
		public Draft(long requesterId, String requesterUsername, @Nullable Integer requesterAccessLevel,
				GitLabTarget target, String tokenName, @Nullable String description, Collection<String> scopes,
				int accessLevel, LocalDate expiresOn, String justification, @Nullable UUID renewalOf) {
			this(requesterId, requesterUsername, requesterAccessLevel, target, tokenName, description, scopes,
					accessLevel, expiresOn, justification, renewalOf, null, false, null);
		}

	}

	/**
	 * A token as GitLab returned it, for the record.
	 *
	 * @param id GitLab's token id
	 * @param name the name GitLab gave it
	 * @param scopes its scopes
	 * @param accessLevel its access level
	 * @param expiresOn its expiry date
	 */
	public record IssuedToken(long id, String name, List<String> scopes, @Nullable Integer accessLevel,
			@Nullable LocalDate expiresOn) {
	}

}
