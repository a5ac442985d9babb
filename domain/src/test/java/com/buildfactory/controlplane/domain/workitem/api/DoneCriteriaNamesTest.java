package com.buildfactory.controlplane.domain.workitem.api;

import com.buildfactory.controlplane.domain.workitem.DoneCriterion;
import com.buildfactory.controlplane.domain.workitem.Scenarios;
import com.buildfactory.controlplane.domain.workitem.WorkItemKey;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Criteria are marked by name, so an item never holds two criteria of the same name. */
class DoneCriteriaNamesTest {

    @Test
    void aNewItemWithTwoCriteriaOfTheSameNameIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Scenarios.newItem(new WorkItemKey("BF-1"), null,
                        List.of(new DoneCriterion("runbook", true), new DoneCriterion("runbook", false))))
                .withMessage("Done criterion 'runbook' is named more than once.");
    }

    @Test
    void aRevisionNamingACriterionTwiceIsRefused() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new DetailsChange(null, null, null, null, null, null,
                        List.of("runbook", "drill", "runbook")))
                .withMessage("Done criterion 'runbook' is named more than once.");
    }

    @Test
    void distinctNamesAndNoRevisionAreAccepted() {
        assertThat(Scenarios.seedItem().doneCriteria()).hasSize(32);
        assertThat(new DetailsChange("t", null, null, null, null, null, null).doneCriteria()).isNull();
        assertThat(new DetailsChange(null, null, null, null, null, null, List.of("a", "b")).doneCriteria())
                .containsExactly("a", "b");
    }
}
