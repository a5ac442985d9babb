/**
 * Restore: from an archive (or the newest), optionally cut at a position or a moment, into a fresh database file
 * that replaces the target atomically only after every check passed.
 */
package com.buildfactory.controlplane.ops.restore;
