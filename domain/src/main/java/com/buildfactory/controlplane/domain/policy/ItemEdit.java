package com.buildfactory.controlplane.domain.policy;

import java.util.List;

/** Plain edits of an item. They change no lane, but follow the same permission and gate rules as actions. */
public enum ItemEdit implements Operation {
    CREATE("create", "Create", Permissions.CREATE, List.of()),
    UPDATE_DETAILS("update-details", "Update details", Permissions.UPDATE, List.of(Gates.ITEM_OPEN)),
    LINK_PULL_REQUEST("link-pull-request", "Link pull request", Permissions.LINK_PULL_REQUEST,
            List.of(Gates.ITEM_OPEN)),
    MARK_DONE_CRITERION("mark-done-criterion", "Mark done criterion", Permissions.UPDATE, List.of(Gates.ITEM_OPEN)),
    /** Reporters observe Done items too: a pull request closed after Done is exactly the drift to surface. */
    REPORT_SIGNAL("report-signal", "Report truth signal", Permissions.REPORT_SIGNAL, List.of());

    private final String identity;
    private final String label;
    private final String permission;
    private final List<Gate> gates;

    ItemEdit(String identity, String label, String permission, List<Gate> gates) {
        this.identity = identity;
        this.label = label;
        this.permission = permission;
        this.gates = gates;
    }

    @Override
    public String identity() {
        return identity;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public String permission() {
        return permission;
    }

    @Override
    public List<Gate> gates() {
        return gates;
    }
}
