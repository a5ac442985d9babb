/** Prometheus metrics at /api/prometheus (token with factory.admin): commands, the writer, processors, backups, files. */
package com.buildfactory.controlplane.application.metrics;
