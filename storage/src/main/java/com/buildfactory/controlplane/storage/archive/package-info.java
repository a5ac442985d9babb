/** Where archives are read from and restored into, by engine: a SQLite file or a PostgreSQL database. */
package com.buildfactory.controlplane.storage.archive;
