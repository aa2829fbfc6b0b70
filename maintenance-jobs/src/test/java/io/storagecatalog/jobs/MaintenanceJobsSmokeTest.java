package io.storagecatalog.jobs;

import io.storagecatalog.testkit.WithTestInfrastructure;
import io.storagecatalog.testkit.WorkerSmoke;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureMetrics
@WithTestInfrastructure
class MaintenanceJobsSmokeTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    KafkaAdmin kafkaAdmin;

    @LocalServerPort
    int port;

    @Test
    void startsMigratedAndConnectedWithMetricsExposed() {
        WorkerSmoke.assertMigrated(jdbc);
        WorkerSmoke.assertConnectedToKafka(kafkaAdmin);
        WorkerSmoke.assertActuator(port);
    }
}
