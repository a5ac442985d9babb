/** The event log, token store and read models on PostgreSQL, for several nodes on one database; chosen by the {@code postgres} profile. */
package com.buildfactory.controlplane.storage.postgres;
