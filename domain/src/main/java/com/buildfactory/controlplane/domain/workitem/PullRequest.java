package com.buildfactory.controlplane.domain.workitem;

public record PullRequest(String url, PullRequestState state) {
}
