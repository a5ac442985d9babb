package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.WorkType;

import java.util.List;

/** A partial edit: null fields stay as they are. Revised criteria keep the met flag of criteria that stay. */
public record DetailsChange(String title, String description, WorkType workType, String branch,
                            String validationCommand, PromptContext promptContext, List<String> doneCriteria) {
}
