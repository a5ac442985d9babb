package com.buildfactory.controlplane.storage.sqlite;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.env.Environment;

import java.nio.file.Path;

/**
 * Takes the database's {@link DatabaseLock} before any bean exists (so before the first connection is opened) and
 * holds it until the context closes. A restore then refuses this database while the service runs, and a second
 * service on the same file fails to start with the holder named instead of sharing SQLite's write lock.
 */
public class ServiceDatabaseLock implements BeanFactoryPostProcessor, EnvironmentAware, PriorityOrdered {

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        StorageProperties storage = Binder.get(environment)
                .bindOrCreate("control-plane.storage", StorageProperties.class);
        Path database = storage.databaseFile();
        DatabaseLock lock = DatabaseLock.tryAcquire(database, "service").orElseThrow(() -> new IllegalStateException(
                "The database " + database.toAbsolutePath() + " is in use: " + DatabaseLock.holder(database)
                        + " holds " + DatabaseLock.lockFile(database) + ". Is the service already running on it?"));
        // A bean of its own, so that what relies on holding it (SingleNodeStart) says so by taking it.
        beanFactory.registerSingleton("databaseLock", lock);
        ((DefaultListableBeanFactory) beanFactory).registerDisposableBean("databaseLock", lock::close);
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE;
    }
}
