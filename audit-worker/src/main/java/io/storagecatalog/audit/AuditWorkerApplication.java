package io.storagecatalog.audit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AuditWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AuditWorkerApplication.class, args);
    }
}
