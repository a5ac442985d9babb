/** What /api/health reports: the database is writable, and the event processors run and keep up. */
package com.buildfactory.controlplane.application.health;
