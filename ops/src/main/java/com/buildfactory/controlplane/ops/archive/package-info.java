/**
 * The portable archive: its layout, manifest, row format, compression, optional encryption, and the reader that
 * checks every part against the manifest before a single row is used. Nothing here knows SQLite.
 */
package com.buildfactory.controlplane.ops.archive;
