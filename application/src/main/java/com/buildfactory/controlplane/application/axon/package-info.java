/** Axon wiring: the aggregate with its cache and snapshots, the read models, and how commands are sent. */
package com.buildfactory.controlplane.application.axon;
