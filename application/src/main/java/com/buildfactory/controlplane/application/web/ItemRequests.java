package com.buildfactory.controlplane.application.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies and their input limits. Enums arrive as text and are checked against their vocabulary. */
public final class ItemRequests {

    public static final int TITLE_MAX = 200;
    public static final int DESCRIPTION_MAX = 20_000;
    public static final int PROMPT_TEXT_MAX = 100_000;
    public static final int CRITERIA_MAX = 200;

    private static final String URL = "https?://\\S+";
    // Case-insensitive through the flag rather than an inline (?i), so the contract's pattern is valid JSON Schema.
    private static final String WORK_TYPES = "feature|bug|operations|chore|research";
    private static final String PR_STATES = "open|merged|closed";

    private ItemRequests() {
    }

    public record CreateItem(
            @NotBlank @Pattern(regexp = "[A-Z][A-Z0-9]{0,15}-[1-9][0-9]{0,8}",
                    message = "must look like BF-276: project letters, a dash, a number") String key,
            @NotBlank @Size(max = TITLE_MAX) String title,
            @Size(max = DESCRIPTION_MAX) String description,
            @NotBlank @Pattern(regexp = WORK_TYPES, flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be one of feature, bug, operations, chore, research")
            String workType,
            @Size(max = 255) String branch,
            @Size(max = 1000) String validationCommand,
            @Valid PullRequestBody pullRequest,
            @Size(max = CRITERIA_MAX) List<@Valid @NotNull CriterionBody> doneCriteria,
            @Valid PromptContextBody promptContext) {
    }

    public record PullRequestBody(
            @NotBlank @Size(max = 2000) @Pattern(regexp = URL, message = "must be an http(s) URL") String url,
            @NotBlank @Pattern(regexp = PR_STATES, flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be one of open, merged, closed") String state) {
    }

    public record CriterionBody(@NotBlank @Size(max = 200) String name, boolean met) {
    }

    public record PromptContextBody(@Size(max = 500) String path, @Size(max = PROMPT_TEXT_MAX) String text) {
    }

    public record UpdateDetails(
            @Size(min = 1, max = TITLE_MAX) String title,
            @Size(max = DESCRIPTION_MAX) String description,
            @Pattern(regexp = WORK_TYPES, flags = Pattern.Flag.CASE_INSENSITIVE, message = "must be one of feature, bug, operations, chore, research")
            String workType,
            @Size(max = 255) String branch,
            @Size(max = 1000) String validationCommand,
            @Valid PromptContextBody promptContext,
            @Size(max = CRITERIA_MAX) List<@NotBlank @Size(max = 200) String> doneCriteria) {
    }

    public record MarkCriterion(@NotNull Boolean met) {
    }

    /** Optional body of an action: a note, and for create-follow-up the new item. */
    public record ActionBody(@Size(max = 2000) String note, @Valid CreateItem followUp) {
    }
}
