package com.buildfactory.controlplane.application.web;

/** Input that passed the field checks but is still wrong: answered with 400 and the field it concerns. */
public class InvalidInput extends RuntimeException {

    private final String field;

    public InvalidInput(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
