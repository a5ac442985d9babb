package com.buildfactory.controlplane.application.web;

/** An unknown item, action, criterion or other resource: answered with 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message, null, false, false);
    }
}
