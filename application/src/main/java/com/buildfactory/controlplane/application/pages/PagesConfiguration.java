package com.buildfactory.controlplane.application.pages;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
public class PagesConfiguration {

    @Bean
    public FilterRegistrationBean<PageHeadersFilter> pageHeadersFilter() {
        FilterRegistrationBean<PageHeadersFilter> registration = new FilterRegistrationBean<>(new PageHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        registration.addUrlPatterns("/*");
        return registration;
    }
}
