/** The restore drill: prove the newest archive restorable by restoring it into scratch space and checking it. */
package com.buildfactory.controlplane.ops.drill;
