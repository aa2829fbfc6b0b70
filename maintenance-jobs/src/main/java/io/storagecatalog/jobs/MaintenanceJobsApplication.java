package io.storagecatalog.jobs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MaintenanceJobsApplication {

    public static void main(String[] args) {
        SpringApplication.run(MaintenanceJobsApplication.class, args);
    }
}
