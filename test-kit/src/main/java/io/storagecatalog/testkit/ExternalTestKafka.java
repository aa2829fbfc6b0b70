package io.storagecatalog.testkit;

/** A Kafka broker the environment provides. */
record ExternalTestKafka(String bootstrapServers) implements TestKafka {}
