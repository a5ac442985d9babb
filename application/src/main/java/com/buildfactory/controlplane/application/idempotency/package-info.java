/** Idempotency-Key on POST: a retry returns the first answer and applies nothing twice. */
package com.buildfactory.controlplane.application.idempotency;
