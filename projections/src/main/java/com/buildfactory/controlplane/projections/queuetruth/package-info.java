/** Queue truth: which items drift and since when, and how far a read model is behind an item's event stream. */
package com.buildfactory.controlplane.projections.queuetruth;
