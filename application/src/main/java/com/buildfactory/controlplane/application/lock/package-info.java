/** The running service holds an OS lock on its database, so that a restore or a second process cannot replace it. */
package com.buildfactory.controlplane.application.lock;
