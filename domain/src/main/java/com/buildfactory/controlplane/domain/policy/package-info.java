/**
 * The action policy: which actions an actor may run on an item in its current state, the gates that decide it and
 * the recovery guidance when one blocks. The aggregate enforces it and the API renders it: the rules live only here.
 */
package com.buildfactory.controlplane.domain.policy;
