package com.buildfactory.controlplane.storage;

/**
 * Which node of the cluster takes the jobs that must run once for the whole cluster (backups, scrub, retention,
 * drills). On SQLite there is one node, which always holds it. On PostgreSQL the node that holds a session
 * advisory lock on its own connection holds it until it stops or its connection is lost; the others ask again at
 * each job, so a survivor takes over at its next scheduled job.
 */
public interface ClusterLease {

    /** True when this node holds the lease, taking it if it is free. Never blocks for long. */
    boolean holdOrTake();

    /** A short description for health and logs, e.g. "this node" or "another node (pid 4711 on 10.0.0.2)". */
    String holder();

    /** A lease that a single node always holds. */
    static ClusterLease singleNode() {
        return new ClusterLease() {
            @Override
            public boolean holdOrTake() {
                return true;
            }

            @Override
            public String holder() {
                return "this node (single node)";
            }
        };
    }
}
