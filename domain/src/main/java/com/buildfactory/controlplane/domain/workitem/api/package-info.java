/** Commands and events of the WorkItem aggregate: small records, events named in the past tense. */
package com.buildfactory.controlplane.domain.workitem.api;
