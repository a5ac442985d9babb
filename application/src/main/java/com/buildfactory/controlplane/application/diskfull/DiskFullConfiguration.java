package com.buildfactory.controlplane.application.diskfull;

import com.buildfactory.controlplane.application.web.Problems;
import com.buildfactory.controlplane.storage.WriteProbe;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class DiskFullConfiguration {

    @Bean
    public DiskFull diskFull(WriteProbe probe) {
        return new DiskFull(probe);
    }

    @Bean
    public DiskFullAnswers diskFullAnswers(DiskFull diskFull, Problems problems) {
        return new DiskFullAnswers(diskFull, problems);
    }
}
