/** The live change feed: the event log as server-sent events, in global order, resumable by position. */
package com.buildfactory.controlplane.application.feed;
