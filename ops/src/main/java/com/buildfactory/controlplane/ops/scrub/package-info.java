/** Scrubbing: archives re-read from the target on a schedule and checked against their manifests, as pgBackRest's verify. */
package com.buildfactory.controlplane.ops.scrub;
