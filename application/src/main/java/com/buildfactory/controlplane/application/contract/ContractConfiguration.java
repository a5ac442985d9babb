package com.buildfactory.controlplane.application.contract;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

@Configuration(proxyBeanMethods = false)
public class ContractConfiguration {

    /** One relative server: the document is the same wherever the service runs, so the committed copy can match. */
    @Bean
    public OpenAPI controlPlaneContract() {
        return new OpenAPI()
                .info(new Info().title("Build Factory Control Plane API").version("1")
                        .description("The work queue of a software build factory: work items moved through lanes by"
                                + " actions whose gates one policy decides. Every error is RFC 9457"
                                + " application/problem+json. Authenticate with 'Authorization: Bearer <token>'.")
                        .license(new License().name("Proprietary").identifier("LicenseRef-Proprietary")))
                .servers(List.of(new Server().url("/").description("this service")))
                .components(new Components().addSecuritySchemes(ContractConventions.BEARER, new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer")
                        .description("An API token: configured, or created at /api/admin/tokens.")))
                .addSecurityItem(new SecurityRequirement().addList(ContractConventions.BEARER));
    }

    @Bean
    public OpenApiCustomizer contractConventions() {
        return new ContractConventions(Examples.load());
    }
}
