/** Command-line tools that run against the data folder of a stopped service. */
package com.buildfactory.controlplane.application.cli;
