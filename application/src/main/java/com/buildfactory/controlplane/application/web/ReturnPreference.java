package com.buildfactory.controlplane.application.web;

import java.util.Locale;

/**
 * RFC 7240's {@code Prefer: return=minimal}: a bot that moves items and does not read the page can ask for a short
 * answer instead of the whole page; the page is rendered and written for every answer otherwise, which is most of
 * an action's cost in the service. Unknown preferences are ignored, as the RFC asks.
 */
public final class ReturnPreference {

    public static final String PREFER = "Prefer";
    public static final String APPLIED = "Preference-Applied";
    public static final String MINIMAL = "return=minimal";

    private ReturnPreference() {
    }

    /** True when one of the header's comma-separated preferences is {@code return=minimal}. */
    public static boolean minimal(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String token = preference.split(";", 2)[0].replace(" ", "").replace("\"", "").toLowerCase(Locale.ROOT);
            if (token.equals(MINIMAL)) {
                return true;
            }
        }
        return false;
    }
}
