package com.buildfactory.controlplane.application.health;

import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleHttpCodeStatusMapper;
import org.springframework.boot.actuate.health.Status;

/**
 * Spring's default status codes (DOWN and OUT_OF_SERVICE answer 503, everything else 200) plus DEGRADED, which
 * answers 200 because the service still serves. A mapping in {@code management.endpoint.health.status.http-mapping}
 * would replace the defaults instead of adding to them: that is how DOWN once answered 200.
 */
public class HealthStatusCodes implements HttpCodeStatusMapper {

    private final HttpCodeStatusMapper defaults = new SimpleHttpCodeStatusMapper();

    @Override
    public int getStatusCode(Status status) {
        if (status.getCode().equals("DEGRADED")) {
            return 200;
        }
        return defaults.getStatusCode(status);
    }
}
