package com.buildfactory.controlplane.application.surface;

import com.buildfactory.controlplane.application.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.catalina.Container;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;
import org.springframework.web.filter.CorsFilter;

import java.time.Duration;
import java.util.List;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
public class SurfaceConfiguration {

    /** Request bodies are read strictly; answers are written as before. Spring Boot backs off its own converter. */
    @Bean
    public MappingJackson2HttpMessageConverter strictJsonConverter(ObjectMapper objectMapper) {
        return new MappingJackson2HttpMessageConverter(StrictJson.of(objectMapper));
    }

    @Bean
    public FilterRegistrationBean<SecurityHeaders> securityHeaders() {
        FilterRegistrationBean<SecurityHeaders> registration = new FilterRegistrationBean<>(new SecurityHeaders());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Bean
    public FilterRegistrationBean<AcceptHeaderFilter> acceptHeaderFilter(Problems problems) {
        FilterRegistrationBean<AcceptHeaderFilter> registration =
                new FilterRegistrationBean<>(new AcceptHeaderFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** After authentication (+20): an unknown caller learns nothing, not even which media types are accepted. */
    @Bean
    public FilterRegistrationBean<BodyMediaTypeFilter> bodyMediaTypeFilter(Problems problems) {
        FilterRegistrationBean<BodyMediaTypeFilter> registration =
                new FilterRegistrationBean<>(new BodyMediaTypeFilter(problems));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 25);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    /** Before authentication: a browser's preflight carries no token. Only registered when origins are named. */
    @Bean
    public FilterRegistrationBean<CorsFilter> corsFilter(CorsProperties properties, Problems problems) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match",
                "Idempotency-Key", "Prefer", "Min-Version", "Last-Event-ID"));
        cors.setExposedHeaders(List.of("ETag", "Location", "Preference-Applied", "Retry-After", "Item-Version"));
        cors.setAllowCredentials(false);
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        CorsFilter filter = new CorsFilter(source);
        filter.setCorsProcessor(new ProblemCorsProcessor(problems));
        FilterRegistrationBean<CorsFilter> registration = new FilterRegistrationBean<>(filter);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.addUrlPatterns("/api/*");
        registration.setEnabled(!properties.allowedOrigins().isEmpty());
        return registration;
    }

    /**
     * Tomcat's error report valve replaced on the host, after Spring Boot's own customizer has added the stock one:
     * requests Tomcat refuses before any filter runs answer problem details too.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(Problems problems) {
        return new WebServerFactoryCustomizer<>() {
            @Override
            public void customize(TomcatServletWebServerFactory factory) {
                factory.addContextCustomizers(context -> {
                    Container parent = context.getParent();
                    if (parent instanceof StandardHost host) {
                        host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                        for (Valve valve : host.getPipeline().getValves()) {
                            if (valve instanceof ErrorReportValve) {
                                host.getPipeline().removeValve(valve);
                            }
                        }
                        host.getPipeline().addValve(new ProblemErrorReportValve(problems));
                    }
                });
            }
        };
    }
}
