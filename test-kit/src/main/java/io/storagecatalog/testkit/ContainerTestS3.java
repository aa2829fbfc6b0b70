package io.storagecatalog.testkit;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/** S3Proxy in a container, on its file-system store, with the embedded server's credentials. */
final class ContainerTestS3 implements TestS3 {

    private static final int PORT = 80;

    private final GenericContainer<?> container;

    private ContainerTestS3(GenericContainer<?> container) {
        this.container = container;
    }

    static ContainerTestS3 start() {
        ServerStarts.check("an S3 API server");
        GenericContainer<?> container = new GenericContainer<>(
                        TestServerMode.image("andrewgaul/s3proxy:s3proxy-2.6.0", "local/s3proxy:2.6.0"))
                .withEnv("S3PROXY_AUTHORIZATION", "aws-v2-or-v4")
                .withEnv("S3PROXY_IDENTITY", EmbeddedTestS3.ACCESS_KEY)
                .withEnv("S3PROXY_CREDENTIAL", EmbeddedTestS3.SECRET_KEY)
                .withExposedPorts(PORT)
                .waitingFor(Wait.forListeningPort());
        TestServerMode.onLoopback(container, PORT);
        container.start();
        return new ContainerTestS3(container);
    }

    @Override
    public String endpoint() {
        return "http://" + container.getHost() + ":" + container.getMappedPort(PORT);
    }

    @Override
    public String accessKey() {
        return EmbeddedTestS3.ACCESS_KEY;
    }

    @Override
    public String secretKey() {
        return EmbeddedTestS3.SECRET_KEY;
    }

    void stop() {
        container.stop();
    }
}
