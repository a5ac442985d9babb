/** The backup services put together from one set of settings, for the application and the CLI to use. */
package com.buildfactory.controlplane.ops.backup.wiring;
