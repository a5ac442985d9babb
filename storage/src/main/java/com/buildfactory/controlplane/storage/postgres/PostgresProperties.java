package com.buildfactory.controlplane.storage.postgres;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the PostgreSQL store is.
 *
 * @param jdbcUrl  {@code jdbc:postgresql://host:port/database}; required with the postgres profile
 * @param username login role; may also be given in the URL
 * @param password its password; may also be given in the URL or by the driver's .pgpass
 * @param poolSize connections per node; commands, processors and reads share them
 */
@ConfigurationProperties("control-plane.postgres")
public record PostgresProperties(String jdbcUrl, String username, String password, int poolSize) {

    public PostgresProperties {
        poolSize = poolSize <= 0 ? 10 : poolSize;
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The postgres profile needs control-plane.postgres.jdbc-url"
                    + " (CONTROL_PLANE_POSTGRES_JDBC_URL), jdbc:postgresql://host:port/database; got " + jdbcUrl);
        }
    }
}
