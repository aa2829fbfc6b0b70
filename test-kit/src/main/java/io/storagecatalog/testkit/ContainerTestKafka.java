package io.storagecatalog.testkit;

import org.testcontainers.kafka.KafkaContainer;

/** A Kafka broker (KRaft) in a container, set up as the embedded one is. */
final class ContainerTestKafka implements TestKafka {

    private static final int PORT = 9092;

    private final KafkaContainer container;

    private ContainerTestKafka(KafkaContainer container) {
        this.container = container;
    }

    static ContainerTestKafka start() {
        ServerStarts.check("Kafka");
        KafkaContainer container = new KafkaContainer(TestServerMode.image("apache/kafka:4.1.2", "local/kafka:4.1.2"))
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "true")
                .withEnv("KAFKA_NUM_PARTITIONS", "4")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0");
        TestServerMode.onLoopback(container, PORT);
        container.start();
        return new ContainerTestKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    void stop() {
        container.stop();
    }
}
