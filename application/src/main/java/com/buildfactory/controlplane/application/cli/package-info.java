/** Command-line operations on the data folder: backup, restore, drill, replay. No web server, no processors. */
package com.buildfactory.controlplane.application.cli;
