package io.storagecatalog.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.jobs.JobsTestSupport;
import io.storagecatalog.jobs.MaintenanceJobsApplication;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.TestPropertySource;

/** Two application instances fire the same schedule slot, together and one after the other: one run. */
@TestPropertySource(
        properties = {
            "storage-catalog.jobs.scheduling=true",
            "storage-catalog.jobs.orphan-reconciliation.cron=-",
            "storage-catalog.jobs.audit-rotation.cron=-",
            "storage-catalog.jobs.statistics.cron=-",
            "storage-catalog.jobs.quota-recalculation.cron=-",
            "storage-catalog.jobs.share-expiry.cron=-",
            "storage-catalog.jobs.audit-verification.cron=-"
        })
class OncePerSlotTest extends JobsTestSupport {

    @Autowired
    Schedules schedules;

    @Autowired
    Environment environment;

    @Test
    void eachJobRunsOncePerSlotAcrossInstances() {
        try (ConfigurableApplicationContext second = secondInstance()) {
            Schedules other = second.getBean(Schedules.class);
            CompletableFuture<Void> a = CompletableFuture.runAsync(schedules::shareExpiry);
            CompletableFuture<Void> b = CompletableFuture.runAsync(other::shareExpiry);
            a.join();
            b.join();
            schedules.shareExpiry();
            other.shareExpiry();
            schedules.quotaRecalculation();
            other.quotaRecalculation();
        }

        assertThat(executions("share-expiry")).isOne();
        assertThat(executions("quota-recalculation")).isOne();
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM shedlock WHERE name IN ('share-expiry', " + "'quota-recalculation')",
                        Long.class))
                .isEqualTo(2);
    }

    private long executions(String job) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM batch_job_execution e JOIN batch_job_instance i
                  ON i.job_instance_id = e.job_instance_id WHERE i.job_name = ?""", Long.class, job);
    }

    private ConfigurableApplicationContext secondInstance() {
        Map<String, String> properties = new HashMap<>();
        for (String name : new String[] {
            "spring.datasource.url",
            "spring.datasource.username",
            "spring.datasource.password",
            "spring.kafka.bootstrap-servers",
            "storage-catalog.topics.catalog-events",
            "storage-catalog.s3.endpoint",
            "storage-catalog.s3.access-key",
            "storage-catalog.s3.secret-key",
            "storage-catalog.jobs.audit-rotation.archive-bucket",
            "storage-catalog.monitoring.password",
            "storage-catalog.audit.signing-key"
        }) {
            properties.put(name, environment.getRequiredProperty(name));
        }
        properties.put("server.port", "0");
        properties.put("storage-catalog.jobs.scheduling", "true");
        for (String job : new String[] {
            "orphan-reconciliation",
            "audit-rotation",
            "statistics",
            "quota-recalculation",
            "share-expiry",
            "audit-verification"
        }) {
            properties.put("storage-catalog.jobs." + job + ".cron", "-");
        }
        String[] args = properties.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(MaintenanceJobsApplication.class).run(args);
    }
}
