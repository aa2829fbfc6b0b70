package io.storagecatalog.faults;

import io.storagecatalog.testkit.ChildProcess;
import io.storagecatalog.testkit.FreePorts;
import io.storagecatalog.testkit.TestKafka;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.Uuid;
import org.awaitility.Awaitility;

/**
 * A single-node KRaft broker in a process of its own (the Kafka server classes of this JVM's class
 * path), on a fixed port and log directory, so that it can be stopped and started again with its data:
 * the broker restart of the fault suite. The in-JVM test broker cannot be restarted.
 */
final class KafkaBroker implements TestKafka, AutoCloseable {

    private final Path directory;
    private final Path properties;
    private final Path log;
    private final int port;
    private ChildProcess process;

    private KafkaBroker(Path directory, int port, int controllerPort) throws IOException {
        this.directory = directory;
        this.port = port;
        this.properties = directory.resolve("server.properties");
        this.log = directory.resolve("broker.log");
        Files.writeString(
                properties,
                String.join(
                        "\n",
                        "process.roles=broker,controller",
                        "node.id=1",
                        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                        "controller.listener.names=CONTROLLER",
                        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                        "log.dirs=" + directory.resolve("data"),
                        "num.partitions=6",
                        "offsets.topic.replication.factor=1",
                        "offsets.topic.num.partitions=6",
                        "transaction.state.log.replication.factor=1",
                        "transaction.state.log.min.isr=1",
                        "share.coordinator.state.topic.replication.factor=1",
                        "share.coordinator.state.topic.min.isr=1",
                        "group.initial.rebalance.delay.ms=0",
                        "auto.create.topics.enable=true",
                        ""));
    }

    static KafkaBroker start(Path workDirectory) {
        try {
            Path directory = Files.createDirectories(workDirectory.resolve("kafka"));
            KafkaBroker broker = new KafkaBroker(directory, FreePorts.next(), FreePorts.next());
            broker.format();
            broker.startProcess();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void format() {
        ChildProcess format = ChildProcess.start(
                "kafka storage format",
                command(
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        properties.toString()),
                log);
        Awaitility.await("kafka storage formatted")
                .atMost(Duration.ofSeconds(60))
                .until(() -> !format.alive());
    }

    private void startProcess() {
        process = ChildProcess.start("kafka broker", command("kafka.Kafka", properties.toString()), log);
        Awaitility.await("kafka broker listening on " + port)
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(this::listening);
    }

    private List<String> command(String mainClass, String... args) {
        List<String> command = new ArrayList<>(
                List.of(ChildProcess.java(), "-Xmx512m", "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private boolean listening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker gracefully; clients see it gone until {@link #restart()}. */
    void stop() {
        process.stop();
    }

    /** Starts the broker again on the same port with the same data. */
    void restart() {
        startProcess();
    }

    @Override
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        if (process != null && process.alive()) {
            process.stop();
        }
    }
}
