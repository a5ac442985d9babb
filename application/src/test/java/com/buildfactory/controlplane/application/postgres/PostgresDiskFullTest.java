package com.buildfactory.controlplane.application.postgres;

import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestPostgres;
import com.buildfactory.controlplane.application.support.TestTokens;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;

import static com.buildfactory.controlplane.application.support.Eventually.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A full disk on the PostgreSQL server, as the server reports it: SQLSTATE 53100 (disk_full), raised by the real
 * server from a trigger on every table a command or the health probe writes, since filling a shared test cluster's disk would stop every other test.
 * The command answers 507 and stores nothing, health's database component is DOWN naming 53100 until a 64 KiB
 * commit succeeds again, and then the same command is accepted.
 */
class PostgresDiskFullTest {

    @TempDir
    Path dataDir;

    @Test
    void aServerThatCannotExtendItsFilesAnswers507AndWritesResumeWithoutARestart() {
        String url = TestPostgres.freshDatabase();
        try (RunningService node = RunningService.start(dataDir, TestPostgres.nodeProperties(url, "node-a"))) {
            Api api = node.api();
            JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
            diskFull(jdbc, "domainevententry", "idempotency_record");

            Api.Response refused = api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("FULL-1")).send();
            assertThat(refused.status()).as(refused.toString()).isEqualTo(507);
            assertThat(refused.json().get("type").asText()).endsWith("disk-full");
            assertThat(refused.json().get("detail").asText()).contains("53100").contains("nothing was stored");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, "wi-FULL-1")).isZero();

            JsonNode database = api.get("/api/health", TestTokens.ADMIN).send().json().at("/components/database");
            assertThat(database.get("status").asText()).isEqualTo("DOWN");
            assertThat(database.at("/details/cause").asText()).isEqualTo("53100 disk_full");

            JsonNode stillFull = api.get("/api/health", TestTokens.ADMIN).send().json().at("/components/database");
            assertThat(stillFull.get("status").asText()).as("the 64 KiB commit still fails").isEqualTo("DOWN");
            for (String table : new String[]{"domainevententry", "idempotency_record"}) {
                jdbc.execute("DROP TRIGGER disk_is_full ON " + table);
            }
            await(Duration.ofSeconds(10), () -> api.get("/api/health", TestTokens.ADMIN).send(),
                    response -> response.json().at("/components/database/status").asText().equals("UP"),
                    "the database writable again once the server has room");
            Api.Response accepted = api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("FULL-1")).send();
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(201);
        }
    }

    /**
     * The command commits, then its Idempotency-Key's record cannot be written: the client still hears what
     * happened (201), not "failed, nothing stored" for a stored command; health shows the full disk.
     */
    @Test
    void aCommandStoredBeforeTheDiskFilledIsAnsweredAsStoredEvenIfItsKeyCannotBeRemembered() {
        String url = TestPostgres.freshDatabase();
        try (RunningService node = RunningService.start(dataDir, TestPostgres.nodeProperties(url, "node-a"))) {
            Api api = node.api();
            JdbcTemplate jdbc = node.bean(JdbcTemplate.class);
            diskFull(jdbc, "idempotency_record");

            Api.Response created = api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("KEYED-1"))
                    .header("Idempotency-Key", "create-keyed-1").send();
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                    Long.class, "wi-KEYED-1")).isEqualTo(1);
            assertThat(api.get("/api/health", TestTokens.ADMIN).send().json().at("/components/database/status")
                    .asText()).isEqualTo("DOWN");

            jdbc.execute("DROP TRIGGER disk_is_full ON idempotency_record");
            Api.Response retried = api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple("KEYED-1"))
                    .header("Idempotency-Key", "create-keyed-1").send();
            assertThat(retried.status()).as("the retry meets the stored item").isEqualTo(409);
        }
    }

    /** From now on the server refuses every insert into these tables as a full disk does: SQLSTATE 53100. */
    private static void diskFull(JdbcTemplate jdbc, String... tables) {
        jdbc.execute("CREATE FUNCTION refuse_full() RETURNS trigger AS $$ BEGIN"
                + " RAISE EXCEPTION 'could not extend file: No space left on device' USING ERRCODE = 'disk_full';"
                + " END $$ LANGUAGE plpgsql");
        for (String table : tables) {
            jdbc.execute("CREATE TRIGGER disk_is_full BEFORE INSERT ON " + table
                    + " FOR EACH ROW EXECUTE FUNCTION refuse_full()");
        }
    }
}
