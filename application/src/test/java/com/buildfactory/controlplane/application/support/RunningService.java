package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.application.ControlPlaneApplication;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.AbstractDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The whole service started in this JVM on a given data folder and a random port, and stopped on close. */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningService start(Path dataDir, Map<String, String> extra) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--control-plane.storage.data-dir=" + dataDir);
        TestTokens.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        extra.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningService(new SpringApplicationBuilder(ControlPlaneApplication.class)
                .run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public Api api() {
        return new Api(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /**
     * Both of the store's files on one connection, for tests that look at tables: the read models' file, with the
     * event log's attached as {@code log}, so that unqualified names find a read model or token first, then the log.
     */
    public JdbcTemplate jdbc() {
        StorageProperties storage = bean(StorageProperties.class);
        String readModels = "jdbc:sqlite:" + storage.readModelsFile().toAbsolutePath() + "?busy_timeout=10000";
        String log = storage.databaseFile().toAbsolutePath().toString();
        return new JdbcTemplate(new AbstractDataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection connection = DriverManager.getConnection(readModels);
                try (Statement attach = connection.createStatement()) {
                    attach.execute("ATTACH DATABASE '" + log.replace("'", "''") + "' AS log");
                }
                return connection;
            }

            @Override
            public Connection getConnection(String username, String password) throws SQLException {
                return getConnection();
            }
        });
    }

    @Override
    public void close() {
        context.close();
    }
}
