package com.buildfactory.controlplane.storage.sqlite;

import com.buildfactory.controlplane.storage.EventLog;
import com.buildfactory.controlplane.storage.HeadAtStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;

/**
 * What a single-node store does when it opens, before the tracking processors start. Holding the database's
 * lock ({@link DatabaseLock}) proves that every token claim in the store belongs to a predecessor that is gone:
 * after a SIGKILL its claims (owner {@code <pid>@host}) would otherwise keep the new process's processors idle
 * until Axon's claim timeout passed (9-14 s measured), read models showing lanes older than what clients had
 * been acknowledged. They are released here, so the processors claim their segments at once. A node id stable
 * across restarts would have done the same without the lock, but then a second process on the folder (a replay
 * command beside the running service) would silently share the claims instead of being refused.
 * <p>
 * It also records the log head at start: the read side has caught up once every processor has reached it.
 */
public final class SingleNodeStart implements HeadAtStart {

    private static final Logger log = LoggerFactory.getLogger(SingleNodeStart.class);

    private final long headAtStart;

    private SingleNodeStart(long headAtStart) {
        this.headAtStart = headAtStart;
    }

    /** Call with the database's lock held and the schema migrated. */
    public static SingleNodeStart open(DatabaseLock heldLock, EventLog eventLog, JdbcTemplate readModels) {
        List<String> owners = readModels.queryForList(
                "SELECT DISTINCT owner FROM TokenEntry WHERE owner IS NOT NULL", String.class);
        if (!owners.isEmpty()) {
            int released = readModels.update("UPDATE TokenEntry SET owner = NULL WHERE owner IS NOT NULL");
            log.info("Released {} token claims left by {} (this process holds {}, so they are not running)",
                    released, owners, heldLock.file());
        }
        return new SingleNodeStart(eventLog.head());
    }

    /** The global index of the last event stored when this process opened the store; -1 for an empty log. */
    @Override
    public long headAtStart() {
        return headAtStart;
    }
}
