package io.storagecatalog.common.settings;

import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * No secret is built in: a process whose database or object-store credentials are not configured stops
 * before it creates anything, naming each missing setting and its environment variable. Runs as a bean
 * factory post-processor, after every property source (including a test's) is in place and before any
 * bean is made.
 */
public final class RequiredCredentials implements BeanFactoryPostProcessor {

    /** Set to {@code true} by the processes that use the object store (the audit worker, the maintenance jobs). */
    public static final String S3_REQUIRED = "storage-catalog.s3.credentials-required";

    /** Set to {@code true} by the workers, whose monitoring endpoints need a login. */
    public static final String MONITORING_REQUIRED = "storage-catalog.monitoring.credentials-required";

    /** Set to {@code true} by the processes that sign the trail's evidence (checkpoints, archive manifests). */
    public static final String SIGNING_KEY_REQUIRED = "storage-catalog.audit.signing-key-required";

    private final Environment environment;

    public RequiredCredentials(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> missing = missing(environment);
        if (!missing.isEmpty()) {
            throw new IllegalStateException(
                    "Storage Catalog has no default credentials; set " + String.join(", ", missing));
        }
    }

    static List<String> missing(Environment environment) {
        List<String> missing = new ArrayList<>();
        if (environment.containsProperty("spring.datasource.url")) {
            require(environment, "spring.datasource.username", missing);
            require(environment, "spring.datasource.password", missing);
        }
        if (environment.getProperty(S3_REQUIRED, Boolean.class, false)) {
            require(environment, "storage-catalog.s3.access-key", missing);
            require(environment, "storage-catalog.s3.secret-key", missing);
        }
        if (environment.getProperty(SIGNING_KEY_REQUIRED, Boolean.class, false)) {
            require(environment, "storage-catalog.audit.signing-key", missing);
        }
        if (environment.getProperty(MONITORING_REQUIRED, Boolean.class, false)) {
            require(environment, "storage-catalog.monitoring.password", missing);
        }
        return missing;
    }

    private static void require(Environment environment, String property, List<String> missing) {
        String value = environment.getProperty(property);
        if (value == null || value.isBlank()) {
            missing.add(property + " (environment "
                    + property.toUpperCase(java.util.Locale.ROOT)
                            .replace('.', '_')
                            .replace('-', '_') + ")");
        }
    }
}
