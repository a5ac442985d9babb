package com.buildfactory.controlplane.domain.workitem;

public record PromptContext(String path, String text) {
}
