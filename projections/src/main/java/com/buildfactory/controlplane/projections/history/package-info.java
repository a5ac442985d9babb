/** History snapshots that record-history captures: the item as it was, with its event position. */
package com.buildfactory.controlplane.projections.history;
