/**
 * Queue truth: drift between an item's lane and the truth signals the factory reports, and how a drift is
 * reconciled. The reconcile action and the item page both read these rules.
 */
package com.buildfactory.controlplane.domain.truth;
