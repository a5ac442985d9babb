package com.buildfactory.controlplane.domain.workitem;

import java.util.Optional;
import java.util.regex.Pattern;

/** An item's key, {@code <PROJECT>-<N>} such as BF-276; its id is {@code wi-<key>}. */
public record WorkItemKey(String value) {

    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z0-9]{0,15}-[1-9][0-9]{0,8}");
    private static final String ID_PREFIX = "wi-";

    public WorkItemKey {
        if (value == null || !KEY.matcher(value).matches()) {
            throw new IllegalArgumentException("A work item key looks like BF-276: project letters, a dash, a number.");
        }
    }

    public static boolean isValid(String text) {
        return text != null && KEY.matcher(text).matches();
    }

    public static Optional<WorkItemKey> fromId(String id) {
        if (id == null || !id.startsWith(ID_PREFIX) || !isValid(id.substring(ID_PREFIX.length()))) {
            return Optional.empty();
        }
        return Optional.of(new WorkItemKey(id.substring(ID_PREFIX.length())));
    }

    public String itemId() {
        return ID_PREFIX + value;
    }
}
