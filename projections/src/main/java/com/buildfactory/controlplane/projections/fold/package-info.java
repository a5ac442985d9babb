/**
 * One fold per event: the one tracking processor of the read models, its batches, and the set of read models a
 * bulk rebuild writes with the same rules.
 */
package com.buildfactory.controlplane.projections.fold;
