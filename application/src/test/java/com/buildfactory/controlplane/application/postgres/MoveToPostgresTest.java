package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.cli.MoveToPostgresCli;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestPostgres;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static com.buildfactory.controlplane.application.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite store moved with {@code migrate-to-postgres}: every event equal at its own position, the read models that
 * the service builds from the moved log on PostgreSQL equal the ones SQLite built live, and the next command
 * appends after the moved head.
 */
class MoveToPostgresTest {

    static final String EVENTS = "SELECT globalIndex, eventIdentifier, aggregateIdentifier, sequenceNumber, type,"
            + " timeStamp, payloadType, payloadRevision, payload, metaData FROM DomainEventEntry ORDER BY globalIndex";
    static final Map<String, String> READ_MODELS = Map.of(
            "item_page", "SELECT * FROM item_page ORDER BY item_id",
            "execution_queue", "SELECT * FROM execution_queue ORDER BY item_id",
            "queue_truth", "SELECT * FROM queue_truth ORDER BY item_id",
            "history_snapshot", "SELECT * FROM history_snapshot ORDER BY item_id, version");

    @TempDir
    Path sqliteData;
    @TempDir
    Path postgresData;

    @Test
    void everyEventMovesEqualAndTheReadModelsRebuiltOnPostgresEqualTheLiveOnes() throws Exception {
        try (RunningService sqlite = RunningService.start(sqliteData, Map.of())) {
            workOn(sqlite.api());
            await(Duration.ofSeconds(10), () -> sqlite.api().get("/api/control-plane/items/wi-MOVE-6", TestTokens.ADMIN)
                    .send().json().path("lifecycle").path("lane").asText(), "Done"::equals, "the last item Done");
        }
        String sqliteUrl = "jdbc:sqlite:" + sqliteData.resolve("control-plane.db");
        List<List<Object>> sqliteEvents = rows(sqliteUrl, EVENTS);
        Map<String, List<List<Object>>> liveReadModels =
                readModels("jdbc:sqlite:" + sqliteData.resolve("read-models.db"));

        String database = TestPostgres.freshDatabase();
        assertThat(move(database)).isZero();
        assertThat(rows(database, EVENTS)).isEqualTo(sqliteEvents);
        assertThat(move(database)).as("a second move into a database with events").isEqualTo(1);

        try (RunningService postgres = RunningService.start(postgresData,
                TestPostgres.nodeProperties(database, "moved"))) {
            await(Duration.ofSeconds(20), () -> readModels(database), liveReadModels::equals,
                    "the read models rebuilt on PostgreSQL equal to SQLite's live ones");
            long head = (Long) sqliteEvents.get(sqliteEvents.size() - 1).get(0);
            assertThat(postgres.api().post(Items.actionPath("wi-MOVE-1", "mark-ready"), TestTokens.ADMIN, null)
                    .send().status()).isEqualTo(200);
            assertThat(rows(database, "SELECT max(globalIndex) FROM DomainEventEntry").get(0).get(0))
                    .isEqualTo(head + 1);
        }
    }

    private static void workOn(Api api) {
        assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.seed()).send().status()).isEqualTo(201);
        for (int n = 1; n <= 6; n++) {
            assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("MOVE-" + n)).send()
                    .status()).isEqualTo(201);
        }
        List<String> lifecycle = List.of("mark-ready", "start-execution", "request-review", "complete",
                "record-history");
        for (int n = 2; n <= 6; n++) {
            for (String action : lifecycle.subList(0, Math.min(n - 1, lifecycle.size()))) {
                api.post(Items.actionPath("wi-MOVE-" + n, action), TestTokens.ADMIN, null).send();
            }
        }
        api.post(Items.actionPath("wi-MOVE-2", "complete"), TestTokens.ADMIN, null).send();
    }

    private int move(String database) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = new MoveToPostgresCli(new PrintStream(out, true, StandardCharsets.UTF_8), System.err).run(
                new String[]{MoveToPostgresCli.COMMAND, "--from", sqliteData.resolve("control-plane.db").toString(),
                        "--jdbc-url", database});
        System.out.print(out.toString(StandardCharsets.UTF_8));
        return exit;
    }

    private static Map<String, List<List<Object>>> readModels(String url) {
        Map<String, List<List<Object>>> models = new java.util.TreeMap<>();
        READ_MODELS.forEach((table, sql) -> models.put(table, rows(url, sql)));
        return models;
    }

    /** Every row as a list of comparable values: numbers as long, bytes as lists, text as text. */
    private static List<List<Object>> rows(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rows = connection.createStatement().executeQuery(sql)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<List<Object>> all = new ArrayList<>();
            while (rows.next()) {
                List<Object> row = new ArrayList<>();
                for (int c = 1; c <= meta.getColumnCount(); c++) {
                    Object value = rows.getObject(c);
                    row.add(value instanceof byte[] bytes ? Arrays.toString(bytes)
                            : value instanceof Number number ? (Object) number.longValue() : value);
                }
                all.add(row);
            }
            return all;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
