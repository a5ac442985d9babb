package com.buildfactory.controlplane.application.storage;

import com.buildfactory.controlplane.storage.sqlite.GroupCommitWriter;
import com.buildfactory.controlplane.storage.sqlite.SqliteWriteQueue;

import com.buildfactory.controlplane.application.support.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionException;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitWriterTest {

    @TempDir
    Path dir;

    private DataSource dataSource;
    private JdbcTemplate jdbc;
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private GroupCommitWriter writer;

    @BeforeEach
    void database() {
        dataSource = TestDatabase.migrated(dir);
        jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE acked (v INTEGER NOT NULL)");
    }

    @AfterEach
    void stop() throws Exception {
        callers.shutdownNow();
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void aFailingCommandIsUndoneAloneWhileTheOthersOfItsGroupCommit() throws Exception {
        writer = new GroupCommitWriter(new JdbcTransactionManager(dataSource), new SqliteWriteQueue(), 64, () -> { }, () -> { });
        CountDownLatch hold = new CountDownLatch(1);
        // The first command holds the dispatcher so that the next seven queue up and run as one group.
        Future<Integer> first = callers.submit(() -> writer.write(() -> {
            await(hold);
            return insert(0);
        }));
        Thread.sleep(100);
        List<Future<Integer>> group = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            int value = i;
            group.add(callers.submit(() -> writer.write(() -> {
                insert(value);
                if (value == 3) {
                    throw new IllegalStateException("command 3 fails after its insert");
                }
                return value;
            })));
        }
        Thread.sleep(200);
        hold.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(0);
        for (int i = 1; i <= 7; i++) {
            Future<Integer> result = group.get(i - 1);
            if (i == 3) {
                assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            } else {
                assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(i);
            }
        }
        assertThat(jdbc.queryForList("SELECT v FROM acked ORDER BY v", Integer.class))
                .containsExactly(0, 1, 2, 4, 5, 6, 7);
    }

    @Test
    void aCommandIsAnsweredOnlyOnceItIsCommitted() throws Exception {
        writer = new GroupCommitWriter(new JdbcTransactionManager(dataSource), new SqliteWriteQueue(), 64, () -> { }, () -> { });
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int value = i;
            results.add(callers.submit(() -> {
                writer.write(() -> insert(value));
                // Another connection, outside the writer's transaction, must already see the row.
                return committed(value);
            }));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailedCommitFailsEveryCommandOfItsGroupAndDropsCachedState() throws Exception {
        AtomicInteger dropped = new AtomicInteger();
        JdbcTransactionManager failingCommit = new JdbcTransactionManager(dataSource) {
            @Override
            protected void doCommit(org.springframework.transaction.support.DefaultTransactionStatus status) {
                // A COMMIT the database refused (SQLITE_FULL, SQLITE_IOERR): SQLite rolls the transaction back.
                doRollback(status);
                throw new org.springframework.transaction.TransactionSystemException("disk full");
            }
        };
        writer = new GroupCommitWriter(failingCommit, new SqliteWriteQueue(), 64, () -> { }, dropped::incrementAndGet);
        Future<Integer> result = callers.submit(() -> writer.write(() -> insert(1)));

        assertThatThrownBy(() -> result.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(TransactionException.class);
        assertThat(dropped.get()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM acked", Integer.class)).isZero();
    }

    @Test
    void insideAGroupTheWorkSeesItsTransaction() {
        writer = new GroupCommitWriter(new JdbcTransactionManager(dataSource), new SqliteWriteQueue(), 64, () -> { }, () -> { });
        assertThat(GroupCommitWriter.inGroup()).isFalse();
        assertThat(writer.write(GroupCommitWriter::inGroup)).isTrue();
    }

    @Test
    void afterCloseNothingIsAcceptedAndNothingIsLeftWaiting() throws Exception {
        writer = new GroupCommitWriter(new JdbcTransactionManager(dataSource), new SqliteWriteQueue(), 64, () -> { },
                () -> { });
        assertThat(writer.write(() -> insert(1))).isEqualTo(1);
        writer.close();

        assertThatThrownBy(() -> writer.write(() -> insert(2))).isInstanceOf(IllegalStateException.class);
        assertThat(jdbc.queryForList("SELECT v FROM acked", Integer.class)).containsExactly(1);
    }

    private int insert(int value) {
        jdbc.update("INSERT INTO acked (v) VALUES (?)", value);
        return value;
    }

    private boolean committed(int value) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("test.db").toAbsolutePath());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM acked WHERE v = " + value)) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
