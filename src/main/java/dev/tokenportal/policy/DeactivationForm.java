package dev.tokenportal.policy;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * Why a group's override is switched off.
 *
 * @param comment the reason
 * @author Token Portal team
 */
public record DeactivationForm(@NotBlank @Size(max = 1000) @Nullable String comment) {
}
