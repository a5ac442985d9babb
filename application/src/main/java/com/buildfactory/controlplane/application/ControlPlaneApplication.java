package com.buildfactory.controlplane.application;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class ControlPlaneApplication {

    public static void main(String[] args) {
        // Axon 4.13 would otherwise call home on start; this machine and most servers have no route out.
        System.setProperty("axoniq.update-checker.disabled", "true");
        System.setProperty("disable-axoniq-console-message", "true");
        SpringApplication.run(ControlPlaneApplication.class, args);
    }
}
