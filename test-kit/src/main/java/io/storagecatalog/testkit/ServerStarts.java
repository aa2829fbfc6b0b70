package io.storagecatalog.testkit;

/**
 * The guard of the unit-test stage: with {@code -Dstorage-catalog.test.servers=none} (the {@code unit}
 * profile sets it) any attempt of a test to start or reach a server fails at once, so a test tagged
 * {@code unit} cannot quietly be an integration test.
 */
public final class ServerStarts {

    static final String PROPERTY = "storage-catalog.test.servers";

    private ServerStarts() {}

    /** Fails when servers are not allowed in this test JVM. */
    public static void check(String server) {
        if ("none".equals(System.getProperty(PROPERTY))) {
            throw new IllegalStateException(PROPERTY + "=none: this test needs " + server
                    + ", which a unit test may not start or reach; leave it out of the unit tag");
        }
    }
}
