package io.storagecatalog.common.settings;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** Every process of the catalog refuses to start without its credentials ({@link RequiredCredentials}). */
@AutoConfiguration
public class RequiredCredentialsAutoConfiguration {

    // Static: a bean factory post-processor must not wait for its configuration class to be made.
    @Bean
    static RequiredCredentials requiredCredentials(Environment environment) {
        return new RequiredCredentials(environment);
    }
}
