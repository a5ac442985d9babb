/**
 * The SQLite engine behind the storage port: connection settings, the write queue and group commit, Axon's storage
 * pieces adapted to the driver, the data folder's lock, and every statement against the event store's tables. A
 * PostgreSQL engine is a sibling package behind the same port, not a change to the rest of the service.
 */
package com.buildfactory.controlplane.storage.sqlite;
