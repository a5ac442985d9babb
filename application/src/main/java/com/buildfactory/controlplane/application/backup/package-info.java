/** The backup services of ops wired into the service: schedules, admin endpoints, health, the drill's comparison. */
package com.buildfactory.controlplane.application.backup;
