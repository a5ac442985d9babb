package com.buildfactory.controlplane.application;

import com.buildfactory.controlplane.application.cli.MoveToPostgresCli;
import com.buildfactory.controlplane.application.cli.OperationsCli;
import com.buildfactory.controlplane.application.cli.ReplayCli;
import com.buildfactory.controlplane.application.cli.TokensCli;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The service, or with a command as first argument ({@code backup}, {@code restore}, {@code drill}, {@code replay}, {@code tokens},
 * {@code migrate-to-postgres}) that command. */
@SpringBootApplication
@EnableScheduling
@Import({StorageEngines.Sqlite.class, StorageEngines.Postgres.class})
public class ControlPlaneApplication {

    public static void main(String[] args) {
        // Axon 4.13 would otherwise call home on start; this machine and most servers have no route out.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        if (args.length > 0 && OperationsCli.COMMANDS.contains(args[0])) {
            System.exit(new OperationsCli(System.out, System.err).run(args));
        }
        if (args.length > 0 && args[0].equals("tokens")) {
            System.exit(new TokensCli(System.out, System.err).run(args));
        }
        if (args.length > 0 && args[0].equals(MoveToPostgresCli.COMMAND)) {
            System.exit(new MoveToPostgresCli(System.out, System.err).run(args));
        }
        if (args.length > 0 && args[0].equals("replay")) {
            System.exit(ReplayCli.run(args, System.out, System.err));
        }
        SpringApplication.run(ControlPlaneApplication.class, args);
    }
}
