package io.storagecatalog.local;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether consumer groups have committed every record of some topics: how a local run knows that what
 * it published has reached the catalog and the audit trail, however often it was published before.
 */
final class CaughtUp {

    private final String bootstrapServers;

    CaughtUp(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Waits until every group has committed the topics' current ends; false when the time ran out. */
    boolean await(List<String> groups, List<String> topics, Duration atMost) throws Exception {
        Instant deadline = Instant.now().plus(atMost);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> ends = ends(admin, topics);
            while (Instant.now().isBefore(deadline)) {
                if (groups.stream().allMatch(group -> committedUpTo(admin, group, ends))) {
                    return true;
                }
                Thread.sleep(250);
            }
            return false;
        }
    }

    private static Map<TopicPartition, Long> ends(Admin admin, List<String> topics) throws Exception {
        Set<TopicPartition> partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(topic -> topic.partitions().stream()
                        .map(partition -> new TopicPartition(topic.name(), partition.partition())))
                .collect(Collectors.toSet());
        return admin
                .listOffsets(partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest())))
                .all()
                .get()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    private static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> ends) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata()
                    .get();
            return ends.entrySet().stream()
                    .allMatch(end -> end.getValue() == 0
                            || committed.get(end.getKey()) != null
                                    && committed.get(end.getKey()).offset() >= end.getValue());
        } catch (Exception e) {
            return false;
        }
    }
}
