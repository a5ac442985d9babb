package com.buildfactory.controlplane.application.support;

import com.buildfactory.controlplane.application.ControlPlaneApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The whole service started in this JVM on a given data folder and a random port, and stopped on close. */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static RunningService start(Path dataDir, Map<String, String> extra) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=0");
        args.add("--control-plane.storage.data-dir=" + dataDir);
        TestTokens.properties().forEach((k, v) -> args.add("--" + k + "=" + v));
        extra.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new RunningService(new SpringApplicationBuilder(ControlPlaneApplication.class)
                .run(args.toArray(String[]::new)));
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public Api api() {
        return new Api(port());
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
