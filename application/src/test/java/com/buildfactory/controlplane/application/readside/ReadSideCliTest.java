package com.buildfactory.controlplane.application.readside;

import com.buildfactory.controlplane.application.cli.ReplayCli;
import com.buildfactory.controlplane.application.support.Api;
import com.buildfactory.controlplane.application.support.Items;
import com.buildfactory.controlplane.application.support.RunningService;
import com.buildfactory.controlplane.application.support.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay command on a stopped service rebuilds the read models from the log and reports its rate. */
class ReadSideCliTest {

    @TempDir
    Path dataDir;

    @Test
    void replayOnAStoppedServiceRebuildsTheReadModelsFromTheLog() {
        List<Map<String, Object>> live;
        try (RunningService service = RunningService.start(dataDir, Map.of())) {
            Api api = service.api();
            for (String key : List.of("CL-1", "CL-2", "CL-3")) {
                assertThat(api.post("/api/control-plane/items", TestTokens.ADMIN, Items.simple(key)).send()
                        .status()).isEqualTo(201);
                assertThat(api.post(Items.actionPath("wi-" + key, "mark-ready"), TestTokens.ADMIN, null).send()
                        .status()).isEqualTo(200);
            }
            ReadSide.freshPage(api, "wi-CL-3");
            ReadSide.await(() -> service.bean(ProjectionReplays.class).caughtUp("read-models"), done -> done);
            live = service.jdbc().queryForList("SELECT * FROM item_page ORDER BY item_id");
        }
        JdbcTemplate offline = offline();
        offline.update("UPDATE item_page SET state_json = '{}', lane = 'tampered' WHERE item_id = 'wi-CL-2'");
        offline.update("DELETE FROM execution_queue");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = ReplayCli.run(args("replay", "read-models"), print(out), System.err);

        assertThat(exit).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("read-models: replayed ");
        JdbcTemplate after = offline();
        assertThat(after.queryForList("SELECT * FROM item_page ORDER BY item_id")).isEqualTo(live);
        assertThat(after.queryForObject("SELECT count(*) FROM item_page WHERE lane = 'ready'", Long.class)).isEqualTo(3);
    }

    @Test
    void anUnknownProjectionIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(ReplayCli.run(args("replay", "nope"), System.out, print(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("No projection nope");
    }

    private String[] args(String... words) {
        List<String> args = new ArrayList<>(List.of(words));
        args.add("--control-plane.storage.data-dir=" + dataDir);
        TestTokens.properties().forEach((key, value) -> args.add("--" + key + "=" + value));
        return args.toArray(String[]::new);
    }

    private JdbcTemplate offline() {
        return new JdbcTemplate(new SingleConnectionDataSource("jdbc:sqlite:" + dataDir.resolve("read-models.db"),
                true));
    }

    private static PrintStream print(ByteArrayOutputStream out) {
        return new PrintStream(out, true, StandardCharsets.UTF_8);
    }
}
