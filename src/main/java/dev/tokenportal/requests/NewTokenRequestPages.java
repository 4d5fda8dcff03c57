package dev.tokenportal.requests;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.tokenportal.gitlab.GitLabException;
import dev.tokenportal.gitlab.GitLabGroup;
import dev.tokenportal.gitlab.GitLabMemberships;
import dev.tokenportal.gitlab.GitLabPage;
import dev.tokenportal.gitlab.GitLabProject;
import dev.tokenportal.gitlab.GitLabResource;
import dev.tokenportal.policy.PolicyRules;
import dev.tokenportal.policy.PolicyService;
import dev.tokenportal.policy.Scopes;
import dev.tokenportal.requests.NewTokenRequestPage.LevelOption;
import dev.tokenportal.requests.NewTokenRequestPage.ScopeOption;
import dev.tokenportal.requests.NewTokenRequestPage.TargetOption;
import dev.tokenportal.limits.RateLimitExceededException;
import dev.tokenportal.security.CurrentUser;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;

/**
 * Builds the request form: the requester's projects and groups as GitLab lists them (with
 * their own token, narrowed by a search), the choices, the date range from the policy in
 * force, and the preview; blank, or filled in from a request of theirs that ended.
 *
 * @author Token Portal team
 */
@Service
class NewTokenRequestPages {

	/** How many projects and how many groups the list shows at most. */
	static final int MAX_TARGETS = 50;

	private static final Logger logger = LoggerFactory.getLogger(NewTokenRequestPages.class);

	private final GitLabMemberships gitlab;

	private final PolicyService policy;

	private final PolicyPreviews previews;

	private final NewTokenRequestForms forms;

	private final MessageSource messages;

	private final DestinationAccess destinations;

	private final TokenRequestViews views;

	NewTokenRequestPages(GitLabMemberships gitlab, PolicyService policy, PolicyPreviews previews,
			NewTokenRequestForms forms, MessageSource messages, DestinationAccess destinations,
			TokenRequestViews views) {
		this.destinations = destinations;
		this.views = views;
		this.gitlab = gitlab;
		this.policy = policy;
		this.previews = previews;
		this.forms = forms;
		this.messages = messages;
	}

	/**
	 * A blank form with the policy's suggested expiry.
	 * @param target a preselected target, or {@code null}
	 * @return the form
	 */
	NewTokenRequestForm blankForm(@Nullable String target) {
		PolicyRules rules = this.policy.rulesFor(PolicyService.DEFAULT_SCOPE);
		int days = Math.min(rules.lowMaxLifetimeDays(), rules.maxLifetimeDays());
		return NewTokenRequestForm.empty(target, this.forms.today().plusDays(days));
	}

	/**
	 * The form filled in from one of the requester's requests that ended, to ask for it
	 * again with whatever they change.
	 * @param earlierId the earlier request
	 * @param requester who asks
	 * @return the form
	 * @throws TokenRequestNotFoundException when there is no such request or it is not
	 * theirs (the refusal is audited)
	 * @throws IllegalTransitionException when it has not ended
	 */
	NewTokenRequestForm askedAgain(UUID earlierId, CurrentUser requester) {
		TokenRequest earlier = this.views.ownRequest(earlierId, requester);
		if (!earlier.getStatus().canBeAskedAgain()) {
			throw new IllegalTransitionException("request again", earlier.getStatus());
		}
		return NewTokenRequestForm.askedAgain(earlier, this.forms.today());
	}

	/**
	 * The page around a form.
	 * @param form the form as it stands
	 * @param search a name or path fragment to narrow the targets, or {@code null}
	 * @param requester who fills it in
	 * @return the page
	 */
	NewTokenRequestPage page(NewTokenRequestForm form, @Nullable String search, CurrentUser requester) {
		String filter = (search == null || search.isBlank()) ? null : search.strip();
		PolicyPreview preview = form.hasTarget() ? preview(form, requester) : null;
		List<TargetOption> targets = new ArrayList<>();
		boolean more = false;
		String problem = null;
		try {
			GitLabMemberships.Pages pages = this.gitlab.pages(filter, 1, 1, MAX_TARGETS);
			GitLabPage<GitLabProject> projects = pages.projects();
			GitLabPage<GitLabGroup> groups = pages.groups();
			projects.items().forEach((p) -> targets.add(option(GitLabResource.PROJECT, p.id(), p.pathWithNamespace())));
			groups.items().forEach((g) -> targets.add(option(GitLabResource.GROUP, g.id(), g.fullPath())));
			more = projects.hasNext() || groups.hasNext();
		}
		catch (GitLabException ex) {
			logger.warn("Could not list targets for the request form: {}", ex.getMessage());
			problem = this.messages.getMessage("requests.form.targetsUnavailable", new Object[] { ex.getMessage() },
					LocaleContextHolder.getLocale());
		}
		keepChosen(form, preview, targets);
		LocalDate today = this.forms.today();
		LocalDate max = (preview != null && preview.maxExpiresOn() != null) ? LocalDate.parse(preview.maxExpiresOn())
				: today.plusDays(this.policy.rulesFor(PolicyService.DEFAULT_SCOPE).maxLifetimeDays());
		return new NewTokenRequestPage(filter, targets, more, problem, scopes(), levels(), today.plusDays(1), max,
				preview, hiddenVariables());
	}

	// unknown while GitLab is down: the submit asks again and stores what GitLab can do
	private boolean hiddenVariables() {
		try {
			return this.destinations.hiddenVariablesSupported();
		}
		catch (GitLabException ex) {
			logger.warn("Could not read GitLab's version for the request form: {}", ex.getMessage());
			return true;
		}
	}

	// the chosen target stays selectable when a new search (or a GitLab failure) leaves
	// it
	// out of the list; its path is shown only once GitLab confirmed the membership
	private PolicyPreview preview(NewTokenRequestForm form, CurrentUser requester) {
		try {
			return this.previews.preview(form, requester);
		}
		catch (RateLimitExceededException ex) {
			return this.previews.limited(ex);
		}
	}

	private static void keepChosen(NewTokenRequestForm form, @Nullable PolicyPreview preview,
			List<TargetOption> targets) {
		if (!form.hasTarget() || targets.stream().anyMatch((t) -> t.value().equals(form.target()))) {
			return;
		}
		String path = (preview != null) ? preview.target() : null;
		targets.add(0, new TargetOption(NewTokenRequestForm.targetValue(form.targetType(), form.targetId()), path,
				form.targetType() == GitLabResource.GROUP));
	}

	private static TargetOption option(GitLabResource type, long id, String path) {
		return new TargetOption(NewTokenRequestForm.targetValue(type, id), path, type == GitLabResource.GROUP);
	}

	private static List<ScopeOption> scopes() {
		return Scopes.ALL.stream().map(ScopeOption::new).toList();
	}

	private static List<LevelOption> levels() {
		return NewTokenRequestForms.LEVELS.stream().map(LevelOption::new).toList();
	}

}
