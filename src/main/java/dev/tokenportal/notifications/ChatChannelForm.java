package dev.tokenportal.notifications;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * An admin's change to a top-level group's chat channel.
 *
 * @param group the top-level group's path
 * @param webhookUrl the incoming webhook; empty to fall back to the default channel
 * @author Token Portal team
 */
record ChatChannelForm(@NotBlank @Size(max = 255) String group,
		@Nullable @Size(max = 2000) @Pattern(regexp = "^$|^https?://\\S+$",
				message = "{notifications.admin.webhook.invalid}") String webhookUrl) {

}
