package io.storagecatalog.common.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.mock.env.MockEnvironment;

@Tag("unit")
class RequiredCredentialsTest {

    @Test
    void namesEveryMissingSettingAndItsEnvironmentVariable() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/catalog")
                .withProperty("spring.datasource.username", "storage_catalog")
                .withProperty(RequiredCredentials.S3_REQUIRED, "true")
                .withProperty("storage-catalog.s3.access-key", "audit-worker");
        assertThatThrownBy(() ->
                        new RequiredCredentials(environment).postProcessBeanFactory(new DefaultListableBeanFactory()))
                .hasMessageContaining("spring.datasource.password (environment SPRING_DATASOURCE_PASSWORD)")
                .hasMessageContaining("storage-catalog.s3.secret-key (environment STORAGE_CATALOG_S3_SECRET_KEY)")
                .message()
                .doesNotContain("access-key");
    }

    @Test
    void blankIsMissingAndTheStoreOnlyWhereItIsUsed() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("spring.datasource.url", "jdbc:postgresql://db/catalog")
                .withProperty("spring.datasource.username", "storage_catalog")
                .withProperty("spring.datasource.password", " ");
        assertThat(RequiredCredentials.missing(environment))
                .containsExactly("spring.datasource.password (environment SPRING_DATASOURCE_PASSWORD)");
        environment.setProperty("spring.datasource.password", "s3cret");
        assertThat(RequiredCredentials.missing(environment)).isEmpty();
    }
}
