package com.buildfactory.controlplane.application.health;

import com.buildfactory.controlplane.application.diskfull.DiskFull;
import com.buildfactory.controlplane.storage.WriteProbe;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Writable means a write transaction can be opened: the store, its folder and its write lock are usable. After a
 * write failed on a full disk, writable means a real commit of 64 KiB succeeds again (opening a transaction needs
 * no space, so the cheap probe alone would say writable while every command fails).
 */
public class DatabaseHealthIndicator extends AbstractHealthIndicator {

    private static final int PROBE_BYTES = 64 * 1024;

    private final WriteProbe probe;
    private final DiskFull diskFull;

    public DatabaseHealthIndicator(WriteProbe probe, DiskFull diskFull) {
        super("The database is not writable");
        this.probe = probe;
        this.diskFull = diskFull;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        try {
            probe.openWrite();
            if (diskFull.since() != null) {
                probe.commit(PROBE_BYTES);
                diskFull.cleared();
            }
        } catch (Exception e) {
            String cause = diskFull.causeOf(e);
            if (cause == null) {
                throw e;
            }
            diskFull.seen();
            builder.down().withDetail("writable", false).withDetail("cause", cause)
                    .withDetail("detail", "The disk is full: commands answer 507 and store nothing. Free space"
                            + " (see the runbook's Disk full playbook); writes resume without a restart.")
                    .withDetail("since", diskFull.since().toString());
            return;
        }
        builder.up().withDetail("writable", true);
    }
}
