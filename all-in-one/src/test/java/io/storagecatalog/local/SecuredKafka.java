package io.storagecatalog.local;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * A single-node KRaft broker as docs/security.md configures one: clients authenticate with SASL/SCRAM,
 * the StandardAuthorizer decides from ACLs, and nothing is allowed without one. The broker's own admin
 * logs in with PLAIN (defined in the broker's configuration) and creates the SCRAM users.
 */
final class SecuredKafka implements AutoCloseable {

    static final String ADMIN = "admin";
    static final String ADMIN_PASSWORD = "admin-secret";

    private final KafkaRaftServer server;
    private final int port;

    private SecuredKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    static SecuredKafka start(Path directory) throws Exception {
        int port = freePort();
        int controllerPort = freePort();
        Properties properties = LocalKafka.brokerProperties(directory, port, controllerPort);
        properties.setProperty(
                "listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        properties.setProperty("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
        properties.setProperty("inter.broker.listener.name", "SASL_PLAINTEXT");
        properties.setProperty("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT");
        properties.setProperty("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512");
        properties.setProperty("sasl.mechanism.inter.broker.protocol", "PLAIN");
        properties.setProperty(
                "listener.name.sasl_plaintext.plain.sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + ADMIN_PASSWORD + "\" user_" + ADMIN + "=\"" + ADMIN_PASSWORD + "\";");
        properties.setProperty(
                "listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required;");
        properties.setProperty("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        // The controller listener is the node's own, on loopback, unauthenticated: its principal is ANONYMOUS.
        properties.setProperty("super.users", "User:" + ADMIN + ";User:ANONYMOUS");
        properties.setProperty("allow.everyone.if.no.acl.found", "false");
        properties.setProperty("num.partitions", "2");
        properties.setProperty("offsets.topic.num.partitions", "2");
        properties.setProperty("auto.create.topics.enable", "false");
        return new SecuredKafka(LocalKafka.startServer(properties, directory), port);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Client settings of a SCRAM user. */
    Map<String, Object> scram(String user, String password) {
        return Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "SCRAM-SHA-512",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    Admin admin() {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                "PLAIN",
                "sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + ADMIN
                        + "\" password=\"" + ADMIN_PASSWORD + "\";"));
    }

    void addUser(Admin admin, String user, String password) throws Exception {
        admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(
                        user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)))
                .all()
                .get();
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
