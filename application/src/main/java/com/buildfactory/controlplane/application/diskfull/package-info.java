/** A full disk answered plainly: commands get 507 naming SQLITE_FULL, and health says the database cannot write. */
package com.buildfactory.controlplane.application.diskfull;
