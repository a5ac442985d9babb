package com.buildfactory.controlplane.application.web;

import jakarta.servlet.http.HttpServletRequest;

/** Which requests carry a body the service reads: the filters that guard bodies skip every other request. */
public final class BodyRequests {

    private BodyRequests() {
    }

    public static boolean sendsBody(HttpServletRequest request) {
        String method = request.getMethod();
        return method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    }
}
