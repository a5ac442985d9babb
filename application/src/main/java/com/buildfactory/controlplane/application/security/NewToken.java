package com.buildfactory.controlplane.application.security;

/** A token just created: its secret is here once and nowhere else. */
public record NewToken(ManagedToken token, String secret) {
}
