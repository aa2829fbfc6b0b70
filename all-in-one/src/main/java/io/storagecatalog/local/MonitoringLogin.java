package io.storagecatalog.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local pipeline's monitoring password: drawn at random on the first start, kept in the data
 * directory (readable by its owner only) so that a scrape configured once keeps working across runs.
 */
final class MonitoringLogin {

    static final String FILE = "monitoring-password";

    private MonitoringLogin() {}

    static String passwordIn(Path data) throws IOException {
        Path file = data.resolve(FILE);
        if (Files.exists(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.createDirectories(data);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // A file system without POSIX permissions keeps its own.
        }
        return password;
    }
}
