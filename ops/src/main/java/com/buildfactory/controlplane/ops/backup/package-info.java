/**
 * Taking archives: a consistent export of the event log and snapshots while the service writes, upload to the
 * target with the manifest last, verification by download, and the run history that status and health report.
 */
package com.buildfactory.controlplane.ops.backup;
