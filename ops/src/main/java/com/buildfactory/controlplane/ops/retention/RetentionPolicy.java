package com.buildfactory.controlplane.ops.retention;

import java.time.Duration;

/**
 * @param keepFor        archives younger than this are kept (default 30 days)
 * @param staleUploadAge unfinished uploads and manifest-less folders older than this are removed (default 24 h;
 *                       long enough never to touch a running upload)
 */
public record RetentionPolicy(Duration keepFor, Duration staleUploadAge) {

    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofDays(30), Duration.ofHours(24));
}
