package com.buildfactory.controlplane.domain.workitem;

import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome.Result;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected.Reason;
import com.buildfactory.controlplane.domain.workitem.api.CommandRejected;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeDiagnosingMatcher;

import java.util.Objects;

/** Hamcrest matchers for what the aggregate answers, with failure messages that show the actual answer. */
public final class OutcomeMatchers {

    private OutcomeMatchers() {
    }

    public static Matcher<ActionOutcome> applied(long version, Lane lane) {
        return outcome(Result.APPLIED, version, lane, null);
    }

    public static Matcher<ActionOutcome> alreadyDone(long version, Lane lane) {
        return outcome(Result.ALREADY_DONE, version, lane, null);
    }

    public static Matcher<ActionOutcome> blocked(long version, Lane lane) {
        return outcome(Result.BLOCKED, version, lane, null);
    }

    public static Matcher<ActionOutcome> outcome(Result result, long version, Lane lane, String createdItemId) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(ActionOutcome actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual.result()).appendText(" at version ")
                        .appendValue(actual.version()).appendText(" in lane ")
                        .appendValue(actual.item() == null ? null : actual.item().lane())
                        .appendText(" created ").appendValue(actual.createdItemId());
                return actual.result() == result && actual.version() == version && actual.item() != null
                        && actual.item().lane() == lane && Objects.equals(actual.createdItemId(), createdItemId);
            }

            @Override
            public void describeTo(Description description) {
                description.appendValue(result).appendText(" at version ").appendValue(version)
                        .appendText(" in lane ").appendValue(lane).appendText(" created ").appendValue(createdItemId);
            }
        };
    }

    public static Matcher<Throwable> rejected(Reason reason) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual);
                return actual instanceof CommandRejected rejection && rejection.reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CommandRejected ").appendValue(reason);
            }
        };
    }

    public static Matcher<Throwable> rejected(Reason reason, long currentVersion, String message) {
        return new TypeSafeDiagnosingMatcher<>() {
            @Override
            protected boolean matchesSafely(Throwable actual, Description mismatch) {
                mismatch.appendText("was ").appendValue(actual);
                return actual instanceof CommandRejected rejection && rejection.reason() == reason
                        && rejection.currentVersion() == currentVersion && message.equals(rejection.getMessage());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("CommandRejected ").appendValue(reason).appendText(" at version ")
                        .appendValue(currentVersion).appendText(": ").appendValue(message);
            }
        };
    }
}
