/** The WorkItem aggregate and the value objects that make up an item's state. */
package com.buildfactory.controlplane.domain.workitem;
