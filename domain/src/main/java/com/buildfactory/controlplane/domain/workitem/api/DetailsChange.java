package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.PromptContext;
import com.buildfactory.controlplane.domain.workitem.WorkType;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** A partial edit: null fields stay as they are. Revised criteria keep the met flag of criteria that stay. */
public record DetailsChange(String title, String description, WorkType workType, String branch,
                            String validationCommand, PromptContext promptContext, List<String> doneCriteria) {

    public DetailsChange {
        if (doneCriteria != null) {
            requireUniqueNames(doneCriteria);
        }
    }

    /** Criteria are marked by name, so a name may appear only once. */
    static void requireUniqueNames(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name)) {
                throw new IllegalArgumentException("Done criterion '" + name + "' is named more than once.");
            }
        }
    }
}
