package com.buildfactory.controlplane.domain.policy;

import java.util.List;

/** Every permission the control plane knows. A token holding {@link #ALL} holds each of them. */
public final class Permissions {

    public static final String ALL = "*";
    public static final String READ = "factory.work-item.read";
    public static final String CREATE = "factory.work-item.create";
    public static final String UPDATE = "factory.work-item.update";
    public static final String LINK_PULL_REQUEST = "factory.work-item.link-pull-request";
    public static final String TRIAGE = "factory.work-item.triage";
    public static final String EXECUTE = "factory.work-item.execute";
    public static final String REQUEST_REVIEW = "factory.work-item.request-review";
    public static final String REVIEW = "factory.work-item.review";
    public static final String COMPLETE = "factory.work-item.complete";
    public static final String PREPARE_RELEASE = "factory.work-item.prepare-release";
    public static final String RECORD_HISTORY = "factory.work-item.record-history";
    public static final String VIEW_PROMPT_CONTEXT = "factory.work-item.view-prompt-context";
    public static final String REPORT_SIGNAL = "factory.work-item.report-signal";
    public static final String RECONCILE = "factory.work-item.reconcile";
    public static final String AUDIT_READ = "factory.audit.read";
    public static final String ADMIN = "factory.admin";

    public static final List<String> KNOWN = List.of(READ, CREATE, UPDATE, LINK_PULL_REQUEST, TRIAGE, EXECUTE,
            REQUEST_REVIEW, REVIEW, COMPLETE, PREPARE_RELEASE, RECORD_HISTORY, VIEW_PROMPT_CONTEXT, REPORT_SIGNAL,
            RECONCILE, AUDIT_READ, ADMIN);

    private Permissions() {
    }
}
