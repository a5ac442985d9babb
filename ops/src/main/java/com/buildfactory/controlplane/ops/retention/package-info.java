/** Retention: which archives to delete once they are older than the window, and which must never go. */
package com.buildfactory.controlplane.ops.retention;
