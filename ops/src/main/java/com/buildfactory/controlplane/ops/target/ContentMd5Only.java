package com.buildfactory.controlplane.ops.target;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.interceptor.SdkInternalExecutionAttribute;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectsRequest;
import software.amazon.awssdk.utils.Md5Utils;

/**
 * DeleteObjects with Content-MD5 alone. The S3 model marks it "checksum required", and since SDK 2.30 that means a
 * flexible checksum ({@code x-amz-checksum-crc32}) even with {@code requestChecksumCalculation(WHEN_REQUIRED)};
 * the legacy MD5 plugin adds Content-MD5 beside it, not instead. Backblaze B2 and DigitalOcean Spaces answer 501
 * to the flexible header. This interceptor computes Content-MD5 itself and tells the checksum stage that nothing
 * more is required. It reaches two SDK execution attributes (one internal), so B2LikeRetentionTest checks the
 * request against S3Proxy 2.7.0, which refuses the flexible header as B2 does, on every build.
 */
final class ContentMd5Only implements ExecutionInterceptor {

    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof DeleteObjectsRequest) || context.requestBody().isEmpty()) {
            return context.httpRequest();
        }
        String md5;
        try (InputStream body = context.requestBody().get().contentStreamProvider().newStream()) {
            md5 = Md5Utils.md5AsBase64(body);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compute Content-MD5 of a DeleteObjects request", e);
        }
        attributes.putAttribute(SdkInternalExecutionAttribute.HTTP_CHECKSUM_REQUIRED, null);
        attributes.putAttribute(SdkExecutionAttribute.RESOLVED_CHECKSUM_SPECS, null);
        return context.httpRequest().copy(request -> request.putHeader("Content-MD5", md5));
    }
}
