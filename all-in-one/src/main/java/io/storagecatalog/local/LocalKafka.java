package io.storagecatalog.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft broker in this JVM, on a fixed loopback port, its log under the data directory:
 * the topics, their offsets and the consumer groups' positions outlive a restart, as the catalog does.
 * The controller listens on the next port.
 */
final class LocalKafka implements AutoCloseable {

    private final KafkaRaftServer server;
    private final int port;

    private LocalKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static LocalKafka start(Path directory, int port) throws Exception {
        int controllerPort = port + 1;
        Properties properties = brokerProperties(directory, port, controllerPort);
        properties.setProperty(
                "listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("num.partitions", "6");
        properties.setProperty("offsets.topic.num.partitions", "6");
        properties.setProperty("auto.create.topics.enable", "true");
        return new LocalKafka(startServer(properties, directory), port);
    }

    /** What any single-node KRaft broker of the catalog's needs; listeners and security are the caller's. */
    static Properties brokerProperties(Path directory, int port, int controllerPort) {
        Properties properties = new Properties();
        properties.setProperty("process.roles", "broker,controller");
        properties.setProperty("node.id", "1");
        properties.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.setProperty("controller.listener.names", "CONTROLLER");
        properties.setProperty("log.dirs", directory.toAbsolutePath().toString());
        properties.setProperty("offsets.topic.replication.factor", "1");
        // One broker: the ingest worker's dead-letter transactions need a transaction log it can hold.
        properties.setProperty("transaction.state.log.replication.factor", "1");
        properties.setProperty("transaction.state.log.min.isr", "1");
        properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
        properties.setProperty("share.coordinator.state.topic.min.isr", "1");
        properties.setProperty("group.initial.rebalance.delay.ms", "0");
        return properties;
    }

    /** Formats the log directory on first use, then starts the broker. */
    static KafkaRaftServer startServer(Properties properties, Path directory) throws Exception {
        Path logs = Files.createDirectories(directory);
        KafkaConfig config = KafkaConfig.fromProps(properties, false);
        if (!Files.exists(logs.resolve("meta.properties"))) {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(1)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(logs.toAbsolutePath().toString())
                    .setDirectories(List.of(logs.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .run();
        }
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        return server;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
