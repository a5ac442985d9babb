/** Event-log statements in SQL that every engine answers alike; each engine's own class delegates to them. */
package com.buildfactory.controlplane.storage.jdbc;
