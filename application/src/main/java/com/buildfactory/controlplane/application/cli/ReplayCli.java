package com.buildfactory.controlplane.application.cli;

import com.buildfactory.controlplane.application.ControlPlaneApplication;
import com.buildfactory.controlplane.application.readside.ProjectionReplays;
import com.buildfactory.controlplane.application.readside.ProjectionStatus;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code replay [projection ...] [--spring.property=value ...]}: rebuilds read models from the event log on a
 * stopped service (all of them when none is named), then exits. It starts the service's own wiring without the
 * web server on the same data folder, replays each projection in turn and prints its rate. Exit codes: 0 done,
 * 1 failed (is the service still running? it holds the projections' tokens), 2 usage.
 */
public final class ReplayCli {

    private static final Duration TIMEOUT = Duration.ofHours(2);
    private static final Duration STALL = Duration.ofMinutes(1);

    private ReplayCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** {@code args[0]} may be the word "replay" itself, as the service's main passes it through. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> names = new ArrayList<>();
        List<String> springArgs = new ArrayList<>(List.of("--spring.main.banner-mode=off"));
        for (int i = 0; i < args.length; i++) {
            if (i == 0 && args[i].equals("replay")) {
                continue;
            }
            if (args[i].startsWith("--")) {
                springArgs.add(args[i]);
            } else if (args[i].equals("-h") || args[i].equals("help")) {
                err.println("usage: replay [projection ...] [--control-plane.storage.data-dir=<folder>]");
                return 2;
            } else {
                names.add(args[i]);
            }
        }
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ControlPlaneApplication.class)
                .web(WebApplicationType.NONE).run(springArgs.toArray(String[]::new))) {
            ProjectionReplays replays = context.getBean(ProjectionReplays.class);
            List<String> targets = names.isEmpty() ? replays.names() : names;
            for (String name : targets) {
                if (!replays.names().contains(name)) {
                    err.println("No projection " + name + ". Projections: " + String.join(", ", replays.names()));
                    return 2;
                }
            }
            for (String name : targets) {
                replays.replay(name);
                ProjectionStatus done = await(replays, name);
                ProjectionStatus.Replay replay = done.replay();
                out.printf(Locale.ROOT, "%s: replayed %d events in %.1f s (%.0f events/s)%n", name,
                        replay.position(), Duration.between(replay.startedAt(), replay.completedAt()).toMillis()
                                / 1000.0, replay.eventsPerSecond());
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("Replay failed: " + e.getMessage() + " (the service must be stopped: it holds the"
                    + " projections' tokens)");
            return 1;
        }
    }

    /** Waits for the replay to finish; gives up after two hours, or after a minute without progress. */
    private static ProjectionStatus await(ProjectionReplays replays, String name) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        long lastPosition = -1;
        long lastProgress = System.nanoTime();
        while (System.nanoTime() < deadline) {
            ProjectionStatus status = replays.status(name).orElseThrow();
            if (status.position() != lastPosition) {
                lastPosition = status.position();
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                throw new IllegalStateException("Projection " + name + " made no progress for " + STALL.toSeconds()
                        + "s at position " + lastPosition);
            }
            if (status.replay() != null && status.replay().completedAt() != null && replays.caughtUp(name)) {
                return status;
            }
            if (status.state().equals("error")) {
                throw new IllegalStateException("Projection " + name + " failed during its replay");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("Projection " + name + " did not finish its replay within " + TIMEOUT);
    }
}
