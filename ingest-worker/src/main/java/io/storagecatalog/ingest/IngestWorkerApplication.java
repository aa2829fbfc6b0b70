package io.storagecatalog.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

import io.storagecatalog.common.kafka.CatalogTopics;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableConfigurationProperties(CatalogTopics.class)
public class IngestWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(IngestWorkerApplication.class, args);
    }
}
