package com.buildfactory.controlplane.domain.workitem;

public record ReleaseCheck(String name, boolean passed, String detail) {
}
