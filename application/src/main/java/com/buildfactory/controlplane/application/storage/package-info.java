/**
 * Everything SQLite-specific in one place: connection settings, the single-writer rule and Axon's storage pieces
 * adapted to the driver. A PostgreSQL deployment replaces this package, not the rest of the service.
 */
package com.buildfactory.controlplane.application.storage;
