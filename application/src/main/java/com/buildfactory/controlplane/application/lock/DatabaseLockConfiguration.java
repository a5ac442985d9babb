package com.buildfactory.controlplane.application.lock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DatabaseLockConfiguration {

    /** Static: a bean factory post-processor must exist before the configuration's own bean. */
    @Bean
    public static ServiceDatabaseLock serviceDatabaseLock() {
        return new ServiceDatabaseLock();
    }
}
