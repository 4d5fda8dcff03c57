package dev.tokenportal.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.tokenportal.delivery.AutoRotationEvent;
import dev.tokenportal.gitlab.GitLabMember;
import dev.tokenportal.gitlab.GitLabTarget;
import dev.tokenportal.gitlab.GitLabTokenClient;
import dev.tokenportal.notifications.NotificationPreferences.Preference;
import dev.tokenportal.requests.TokenRequestEvent;
import dev.tokenportal.requests.TokenRequestEvent.RequestApproved;
import dev.tokenportal.requests.TokenRequestEvent.RequestLapsing;
import dev.tokenportal.requests.TokenRequestEvent.RequestRejected;
import dev.tokenportal.requests.TokenRequestEvent.RequestSnapshot;
import dev.tokenportal.requests.TokenRequestEvent.RequestSubmitted;
import dev.tokenportal.requests.TokenRequestEvent.TokenExpiring;
import dev.tokenportal.requests.TokenRequestEvent.TokenIssueRefused;
import dev.tokenportal.requests.TokenRequestEvent.TokenIssueUnknown;
import dev.tokenportal.requests.TokenRequestStatus;
import dev.tokenportal.security.PortalUser;
import dev.tokenportal.security.PortalUserService;
import org.springframework.stereotype.Component;

/**
 * Who hears what. Owners are asked of GitLab now with the service account (active human
 * Owners of the target, inherited ones included, never the requester); addresses are the
 * one GitLab gave at the person's last sign-in, else the one GitLab shows the service
 * account (gitlab-api.md §14).
 *
 * @author Token Portal team
 */
@Component
class Audience {

	private final GitLabTokenClient gitlab;

	private final PortalUserService users;

	private final NotificationPreferences preferences;

	private final ChatChannels chat;

	Audience(GitLabTokenClient gitlab, PortalUserService users, NotificationPreferences preferences,
			ChatChannels chat) {
		this.gitlab = gitlab;
		this.users = users;
		this.preferences = preferences;
		this.chat = chat;
	}

	/**
	 * What an event means to whom.
	 * @param event the event
	 * @param mail whether e-mail is on
	 * @return the messages, none for events nobody is told of
	 */
	List<Outgoing> of(TokenRequestEvent event, boolean mail) {
		RequestSnapshot request = event.request();
		List<Outgoing> messages = new ArrayList<>();
		if (event instanceof RequestSubmitted && request.status() == TokenRequestStatus.PENDING_APPROVAL) {
			owners(request, NotificationKind.APPROVAL_NEEDED, mail, true, messages);
			chat(request, NotificationKind.APPROVAL_NEEDED, messages);
		}
		else if (event instanceof RequestApproved) {
			requester(request, NotificationKind.APPROVED, mail, messages);
		}
		else if (event instanceof RequestRejected) {
			requester(request, NotificationKind.REJECTED, mail, messages);
		}
		else if (event instanceof TokenIssueRefused) {
			requester(request, NotificationKind.ISSUE_REFUSED, mail, messages);
		}
		else if (event instanceof TokenIssueUnknown) {
			requester(request, NotificationKind.ISSUE_UNKNOWN, mail, messages);
		}
		else if (event instanceof RequestLapsing) {
			if (request.status() == TokenRequestStatus.PENDING_APPROVAL) {
				owners(request, NotificationKind.LAPSING_PENDING, mail, false, messages);
				chat(request, NotificationKind.LAPSING_PENDING, messages);
			}
			else if (request.status() == TokenRequestStatus.APPROVED) {
				requester(request, NotificationKind.LAPSING_APPROVED, mail, messages);
			}
		}
		else if (event instanceof TokenExpiring) {
			requester(request, NotificationKind.EXPIRING, mail, messages);
			owners(request, NotificationKind.EXPIRING, mail, false, messages);
			chat(request, NotificationKind.EXPIRING, messages);
		}
		return messages;
	}

	/**
	 * Who hears of GitLab's warning about a token made outside the portal: the target's
	 * Owners by e-mail, one message each (no digest: it is not a request to decide), and
	 * the chat channel of its top-level group. Nobody asked for it, so there is no
	 * requester.
	 * @param event the event
	 * @param mail whether e-mail is on
	 * @return the messages
	 */
	List<Outgoing> of(ForeignTokenExpiring event, boolean mail) {
		List<Outgoing> messages = new ArrayList<>();
		owners(event.target(), null, NotificationKind.FOREIGN_EXPIRING, mail, false, messages);
		chat(event.target(), NotificationKind.FOREIGN_EXPIRING, messages);
		return messages;
	}

	/**
	 * Who hears of the portal's own rotation of a delivered token: the requester when it
	 * was rotated; the requester, the target's Owners and its chat channel when it could
	 * not be.
	 * @param event the event
	 * @param mail whether e-mail is on
	 * @return the messages
	 */
	List<Outgoing> of(AutoRotationEvent event, boolean mail) {
		RequestSnapshot request = event.request();
		List<Outgoing> messages = new ArrayList<>();
		if (event instanceof AutoRotationEvent.Rotated) {
			requester(request, NotificationKind.AUTO_ROTATED, mail, messages);
		}
		else if (event instanceof AutoRotationEvent.Escalated) {
			requester(request, NotificationKind.AUTO_ROTATION_ESCALATED, mail, messages);
			owners(request, NotificationKind.AUTO_ROTATION_ESCALATED, mail, false, messages);
			chat(request, NotificationKind.AUTO_ROTATION_ESCALATED, messages);
		}
		return messages;
	}

	private void requester(RequestSnapshot request, NotificationKind kind, boolean mail, List<Outgoing> messages) {
		if (mail && this.preferences.of(request.requesterId()).email()) {
			messages.add(Outgoing.email(request.requesterId(), request.requesterUsername(), kind,
					address(request.requesterId())));
		}
	}

	private void owners(RequestSnapshot request, NotificationKind kind, boolean mail, boolean digestible,
			List<Outgoing> messages) {
		owners(request.target(), request.requesterId(), kind, mail, digestible, messages);
	}

	private void owners(GitLabTarget target, @Nullable Long except, NotificationKind kind, boolean mail,
			boolean digestible, List<Outgoing> messages) {
		if (!mail) {
			return;
		}
		for (GitLabMember owner : this.gitlab.members(target)) {
			if (!owner.isEligibleApprover() || (except != null && owner.id() == except)) {
				continue;
			}
			Preference preference = this.preferences.of(owner.id());
			if (!preference.email()) {
				continue;
			}
			String address = address(owner.id());
			messages.add((digestible && preference.dailyDigest())
					? Outgoing.digest(owner.id(), owner.username(), kind, address)
					: Outgoing.email(owner.id(), owner.username(), kind, address));
		}
	}

	private void chat(RequestSnapshot request, NotificationKind kind, List<Outgoing> messages) {
		chat(request.target(), kind, messages);
	}

	private void chat(GitLabTarget target, NotificationKind kind, List<Outgoing> messages) {
		this.chat.forGroup(target.topLevelNamespace())
			.ifPresent((channel) -> messages.add(Outgoing.chat(channel.name(), kind, channel.webhookUrl())));
	}

	private @Nullable String address(long gitlabUserId) {
		Optional<String> signedIn = this.users.find(gitlabUserId).map(PortalUser::getEmail);
		return signedIn.or(() -> this.gitlab.visibleEmail(gitlabUserId)).orElse(null);
	}

}
