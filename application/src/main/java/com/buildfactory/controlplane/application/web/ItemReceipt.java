package com.buildfactory.controlplane.application.web;

/** The short answer to a command when the client prefers {@code return=minimal}: where the item is now. */
public record ItemReceipt(String id, String key, String lane, long version, ItemPageView.ActionResult actionResult) {
}
