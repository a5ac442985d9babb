package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.application.security.TokenHash;

import java.util.LinkedHashMap;
import java.util.Map;

/** The tokens every integration test configures: an admin, a reader, and a worker who may not see prompts. */
public final class TestTokens {

    public static final String ADMIN = "test-admin-token";
    public static final String READER = "test-reader-token";
    public static final String WORKER = "test-worker-token";

    private TestTokens() {
    }

    /** Spring properties that configure the tokens and switch off the generated admin token. */
    public static Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("control-plane.security.generate-admin-token", "false");
        token(properties, 0, "admin", ADMIN, "*");
        token(properties, 1, "reader", READER, "factory.work-item.read");
        token(properties, 2, "worker", WORKER, "factory.work-item.read,factory.work-item.create,"
                + "factory.work-item.triage,factory.work-item.execute,factory.work-item.request-review,"
                + "factory.work-item.record-history");
        return properties;
    }

    private static void token(Map<String, String> properties, int index, String actor, String token,
                              String permissions) {
        String prefix = "control-plane.security.tokens[" + index + "].";
        properties.put(prefix + "actor", actor);
        properties.put(prefix + "sha256", TokenHash.sha256(token));
        properties.put(prefix + "permissions", permissions);
    }
}
