package io.storagecatalog.testkit;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** Spring Kafka's in-JVM KRaft broker: a real broker, up in under a second. */
final class EmbeddedTestKafka implements TestKafka {

    private final EmbeddedKafkaKraftBroker broker;

    private EmbeddedTestKafka(EmbeddedKafkaKraftBroker broker) {
        this.broker = broker;
    }

    static EmbeddedTestKafka start() {
        ServerStarts.check("Kafka");
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.brokerProperty("auto.create.topics.enable", "true");
        broker.brokerProperty("num.partitions", "4");
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // One broker: the ingest worker's dead-letter transactions need a transaction log it can hold.
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
        return new EmbeddedTestKafka(broker);
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    void stop() {
        broker.destroy();
    }
}
