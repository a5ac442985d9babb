package com.buildfactory.controlplane.application.cli;

import com.buildfactory.controlplane.application.backup.BackupProperties;
import com.buildfactory.controlplane.storage.sqlite.StorageProperties;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Only the configuration the commands need: the same files, profiles and environment as the service. */
@SpringBootConfiguration
@EnableConfigurationProperties({StorageProperties.class, BackupProperties.class})
public class CliConfiguration {
}
