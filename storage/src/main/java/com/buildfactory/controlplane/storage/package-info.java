/**
 * The storage boundary: the event log as the rest of the service reads it ({@link
 * com.buildfactory.controlplane.storage.EventLog}), and the single-writer rule commands run under. An engine
 * implements it in a sub-package ({@code sqlite} today); nothing outside this module writes SQL against the event
 * store's tables.
 */
package com.buildfactory.controlplane.storage;
