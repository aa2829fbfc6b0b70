package io.storagecatalog.common.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka topics of the catalog.
 *
 * @param fileEvents      CloudEvents of upstream services
 * @param s3Notifications MinIO / S3 bucket notifications
 * @param catalogEvents   events the catalog publishes (quota exceeded, integrity violation, ...)
 * @param deadLetterSuffix appended to an input topic's name to name its dead-letter topic
 * @param partitions      partitions of the topics the workers create when they are missing
 */
@ConfigurationProperties("storage-catalog.topics")
public record CatalogTopics(
        @DefaultValue("storage.file-events") String fileEvents,
        @DefaultValue("storage.s3-notifications") String s3Notifications,
        @DefaultValue("storage.catalog-events") String catalogEvents,
        @DefaultValue("-dlt") String deadLetterSuffix,
        @DefaultValue("6") int partitions) {

    /** Where the ingest worker sets aside the records of an input topic that it cannot apply. */
    public String deadLetterTopic(String topic) {
        return topic + deadLetterSuffix;
    }

    /** Where the audit worker sets aside the events of an input topic that it cannot append. */
    public String auditDeadLetterTopic(String topic) {
        return topic + "-audit" + deadLetterSuffix;
    }

    /** The topics a worker creates when they are missing: inputs, their dead-letter topics, catalog events. */
    public org.springframework.kafka.core.KafkaAdmin.NewTopics toCreate() {
        return new org.springframework.kafka.core.KafkaAdmin.NewTopics(
                org.springframework.kafka.config.TopicBuilder.name(fileEvents)
                        .partitions(partitions)
                        .build(),
                org.springframework.kafka.config.TopicBuilder.name(s3Notifications)
                        .partitions(partitions)
                        .build(),
                org.springframework.kafka.config.TopicBuilder.name(deadLetterTopic(fileEvents))
                        .partitions(1)
                        .build(),
                org.springframework.kafka.config.TopicBuilder.name(deadLetterTopic(s3Notifications))
                        .partitions(1)
                        .build(),
                org.springframework.kafka.config.TopicBuilder.name(auditDeadLetterTopic(fileEvents))
                        .partitions(1)
                        .build(),
                org.springframework.kafka.config.TopicBuilder.name(auditDeadLetterTopic(s3Notifications))
                        .partitions(1)
                        .build(),
                org.springframework.kafka.config.TopicBuilder.name(catalogEvents)
                        .partitions(partitions)
                        .build());
    }
}
