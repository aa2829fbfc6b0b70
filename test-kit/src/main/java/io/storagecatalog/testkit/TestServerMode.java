package io.storagecatalog.testkit;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.util.Arrays;
import java.util.Locale;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the test servers run, chosen by {@code storage-catalog.test.infra} (a system property, or the
 * environment variable {@code STORAGE_CATALOG_TEST_INFRA}): {@code embedded} (the default: in the test JVM
 * and its child processes), {@code containers} (Testcontainers; fails when no Docker engine answers), or
 * {@code auto} (containers where a Docker engine answers, embedded elsewhere).
 *
 * <p>The containers run the official images, or the local images that {@code deploy/local/docker} builds
 * where no registry answers: {@code storage-catalog.test.images} is {@code official}, {@code local}, or
 * {@code auto} (the default: local where the engine has them).
 */
final class TestServerMode {

    static final String INFRA = "storage-catalog.test.infra";
    static final String IMAGES = "storage-catalog.test.images";

    private TestServerMode() {}

    static boolean containers() {
        String mode = setting(INFRA, "STORAGE_CATALOG_TEST_INFRA", "embedded");
        return switch (mode) {
            case "embedded" -> false;
            case "containers" -> {
                if (!DockerClientFactory.instance().isDockerAvailable()) {
                    throw new IllegalStateException(INFRA + "=containers: no Docker engine answers (DOCKER_HOST="
                            + System.getenv("DOCKER_HOST") + "); deploy/local/docker engine starts one");
                }
                yield reachableOnLoopback();
            }
            case "auto" -> DockerClientFactory.instance().isDockerAvailable() && reachableOnLoopback();
            default ->
                throw new IllegalArgumentException(INFRA + ": must be embedded, containers or auto, not "
                        + mode.length() + " characters of " + "something else");
        };
    }

    /**
     * The image of a server: the official one, or its local substitute. Testcontainers' Ryuk helper
     * cannot be pulled where the local images are needed, so it must be off there.
     */
    static DockerImageName image(String official, String local) {
        String choice = setting(IMAGES, "STORAGE_CATALOG_TEST_IMAGES", "auto");
        boolean useLocal = switch (choice) {
            case "official" -> false;
            case "local" -> true;
            case "auto" -> hasImage(local);
            default -> throw new IllegalArgumentException(IMAGES + ": must be official, local or auto");
        };
        if (!useLocal) {
            return DockerImageName.parse(official);
        }
        if (!"true".equalsIgnoreCase(System.getenv("TESTCONTAINERS_RYUK_DISABLED"))) {
            throw new IllegalStateException("the local image " + local + " is used where no registry answers, "
                    + "and Testcontainers' Ryuk helper cannot be pulled there: set TESTCONTAINERS_RYUK_DISABLED=true");
        }
        String repository = official.contains(":") ? official.substring(0, official.indexOf(':')) : official;
        return DockerImageName.parse(local).asCompatibleSubstituteFor(repository);
    }

    /** Publishes the container's ports on the loopback address only (Docker's default is every address). */
    static void onLoopback(GenericContainer<?> container, int... ports) {
        container.withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                .withPortBindings(Arrays.stream(ports)
                        .mapToObj(port -> new PortBinding(Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(port)))
                        .toList()));
    }

    /**
     * The containers' ports are published on the loopback address only, so Testcontainers must reach
     * them there; it takes the bridge's gateway instead when it believes it runs inside a container.
     */
    private static boolean reachableOnLoopback() {
        String host = DockerClientFactory.instance().dockerHostIpAddress();
        if (!host.equals("localhost") && !host.startsWith("127.")) {
            throw new IllegalStateException("the test containers publish their ports on 127.0.0.1, but "
                    + "Testcontainers would reach them on " + host + ": set TESTCONTAINERS_HOST_OVERRIDE=127.0.0.1 "
                    + "(eval \"$(deploy/local/docker env)\" does)");
        }
        return true;
    }

    private static boolean hasImage(String image) {
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static String setting(String property, String variable, String defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return value == null || value.isBlank() ? defaultValue : value.trim().toLowerCase(Locale.ROOT);
    }
}
