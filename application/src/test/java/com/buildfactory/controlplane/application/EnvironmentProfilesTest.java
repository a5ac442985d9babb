package com.buildfactory.controlplane.application;

import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** Staging and production never share a database file or a bucket prefix, and neither prints a generated token. */
class EnvironmentProfilesTest {

    @Test
    void stagingAndProductionAreSeparated() throws IOException {
        PropertySource<?> staging = load("application-staging.yml");
        PropertySource<?> production = load("application-production.yml");
        for (String key : new String[] {"control-plane.storage.data-dir", "control-plane.backup.s3.prefix",
                "control-plane.base-url", "server.port"}) {
            assertThat(staging.getProperty(key)).as(key).isNotNull().isNotEqualTo(production.getProperty(key));
        }
        assertThat(staging.getProperty("control-plane.security.generate-admin-token")).isEqualTo(false);
        assertThat(production.getProperty("control-plane.security.generate-admin-token")).isEqualTo(false);
        assertThat(String.valueOf(staging.getProperty("control-plane.base-url"))).contains("https://staging.");
    }

    private static PropertySource<?> load(String name) throws IOException {
        return new YamlPropertySourceLoader().load(name, new ClassPathResource(name)).get(0);
    }
}
