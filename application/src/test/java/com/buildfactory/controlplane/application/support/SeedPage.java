package com.buildfactory.controlplane.application.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The seed page (a real page of the control plane) read into its fields, so tests compare against it. */
public final class SeedPage {

    public final String heading;
    public final String title;
    public final String description;
    public final Map<String, String> fields = new LinkedHashMap<>();
    public final String promptPath;
    public final String promptText;
    public final List<SeedAction> actions = new ArrayList<>();

    public record SeedAction(String label, boolean enabled, String description, Map<String, String> guidance,
                             String identity, String permission, List<String> gateLines, String endpoint) {
    }

    private SeedPage(List<String> lines) {
        heading = lines.get(0);
        title = lines.get(1);
        description = lines.get(2);
        int i = 3;
        while (!lines.get(i).equals("Queue Truth")) {
            if (lines.get(i).startsWith("- ") && lines.get(i + 1).startsWith("- ")) {
                fields.put(lines.get(i).substring(2), lines.get(i + 1).substring(2));
                i += 2;
            } else {
                i++;
            }
        }
        while (!lines.get(i).equals("Prompt Context")) {
            i++;
        }
        promptPath = lines.get(i + 1);
        promptText = lines.get(i + 2);
        i += 3;
        if (!lines.get(i).equals("Available Actions")) {
            throw new IllegalStateException("Unexpected seed layout at line " + i);
        }
        i++;
        while (i < lines.size()) {
            String header = lines.get(i).substring(2);
            boolean enabled = header.endsWith("Enabled");
            String label = header.substring(0, header.length() - (enabled ? "Enabled" : "Blocked").length());
            String actionDescription = lines.get(i + 1);
            i += 2;
            Map<String, String> guidance = new LinkedHashMap<>();
            if (lines.get(i).equals("Recovery guidance")) {
                i++;
                while (lines.get(i).startsWith("- ")) {
                    guidance.put(lines.get(i).substring(2), lines.get(i + 1).substring(2));
                    i += 2;
                }
            }
            String identity = lines.get(i++).substring("identity: ".length());
            String permission = lines.get(i++).substring("permission: ".length());
            List<String> gates = new ArrayList<>();
            while (lines.get(i).startsWith("policy gate ")) {
                gates.add(lines.get(i++).substring("policy gate ".length()));
            }
            String endpoint = lines.get(i++);
            actions.add(new SeedAction(label, enabled, actionDescription, guidance, identity, permission, gates,
                    endpoint));
        }
    }

    public static SeedPage load() {
        try (InputStream in = SeedPage.class.getResourceAsStream("/seed/work-item-wi-BF-276.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new SeedPage(Arrays.stream(text.split("\n")).map(String::strip).filter(s -> !s.isEmpty())
                    .toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
