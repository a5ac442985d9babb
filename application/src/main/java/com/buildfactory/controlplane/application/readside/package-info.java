/** The read models' wiring and their administration: status, lag and replays of every projection. */
package com.buildfactory.controlplane.application.readside;
