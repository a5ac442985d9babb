/** Read-your-writes: a read of an item waits, bounded, until the item page holds the version a client was given. */
package com.buildfactory.controlplane.application.readyourwrites;
