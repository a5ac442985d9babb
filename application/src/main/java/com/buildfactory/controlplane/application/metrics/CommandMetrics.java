package com.buildfactory.controlplane.application.metrics;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.domain.workitem.api.ActionOutcome;
import com.buildfactory.controlplane.domain.workitem.api.PerformAction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.axonframework.commandhandling.CommandExecutionException;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Commands by action and outcome, their latency (a histogram, for percentiles across instances), and how long each
 * waited for the writer (the group commit's queue) before it ran. The action is the action's identity for
 * {@code perform-action} commands and the command's name otherwise: a fixed, small set of label values.
 */
public class CommandMetrics {

    private final MeterRegistry registry;
    private final GroupCommitSizes groupSizes;
    private final DiskFull diskFull;
    private final Timer writerWait;

    public CommandMetrics(MeterRegistry registry, GroupCommitSizes groupSizes, DiskFull diskFull) {
        this.registry = registry;
        this.groupSizes = groupSizes;
        this.diskFull = diskFull;
        this.writerWait = Timer.builder("control_plane_write_queue_wait")
                .description("Time a command waited for the single writer (group commit queue) before it ran")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /**
     * Runs the command through the writer, timing the whole and the wait.
     *
     * @param writer hands a piece of work to the single writer and returns its result
     */
    public <R> R record(Object command, Function<Supplier<R>, R> writer, Supplier<R> work) {
        String action = action(command);
        long started = System.nanoTime();
        String outcome = "failed";
        try {
            R result = writer.apply(() -> {
                writerWait.record(Duration.ofNanos(System.nanoTime() - started));
                groupSizes.countCommandInGroup();
                return work.get();
            });
            outcome = result instanceof ActionOutcome done
                    ? done.result().name().toLowerCase(Locale.ROOT).replace('_', '-') : "ok";
            return result;
        } catch (RuntimeException e) {
            outcome = diskFull.causeOf(e) != null ? "disk-full" : e instanceof CommandExecutionException ? "rejected" : "failed";
            throw e;
        } finally {
            Timer.builder("control_plane_command_duration")
                    .description("Command latency from the API's call to the commit that made it durable")
                    .tag("action", action)
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(30))
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - started));
            Counter.builder("control_plane_commands")
                    .description("Commands handled, by action and outcome")
                    .tag("action", action).tag("outcome", outcome)
                    .register(registry).increment();
        }
    }

    static String action(Object command) {
        if (command instanceof PerformAction perform) {
            return perform.action().identity();
        }
        return command.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
