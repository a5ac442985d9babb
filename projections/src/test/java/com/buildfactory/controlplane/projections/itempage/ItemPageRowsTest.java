package com.buildfactory.controlplane.projections.itempage;

import com.buildfactory.controlplane.projections.support.LiveAndRebuilt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static com.buildfactory.controlplane.projections.support.LiveAndRebuilt.JSON;

/** The live handler (event by event) and the bulk rebuild (item by item) of this read model write the same rows. */
class ItemPageRowsTest {

    private static final List<String> TABLES = List.of("item_page");

    @TempDir
    Path folder;

    @Test
    void theLiveHandlerAndTheRebuildLeaveTheSameRows() {
        LiveAndRebuilt.assertLiveEqualsRebuilt(folder, TABLES, jdbc -> new ItemPageProjection(jdbc, JSON),
                (projection, e) -> projection.on(e.event(), e.sequenceNumber(), e.at(), e.token()),
                new ItemPageRebuild(JSON));
    }

    @Test
    void anEventDeliveredTwiceIsAppliedOnce() {
        LiveAndRebuilt.assertAppliedOnce(folder, TABLES, jdbc -> new ItemPageProjection(jdbc, JSON),
                (projection, e) -> projection.on(e.event(), e.sequenceNumber(), e.at(), e.token()));
    }
}
