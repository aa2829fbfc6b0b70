package io.storagecatalog.common.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * What an auditor keeps between runs: the last signed checkpoint verified (its index and digest) and
 * where it ends chain 0 (position and hash). The next run checks that this checkpoint is still the
 * same and verifies only what came after it.
 */
public record AuditorState(long index, byte[] digest, long size, byte[] head) {

    private static final HexFormat HEX = HexFormat.of();

    public static AuditorState of(SignedCheckpoint checkpoint) {
        // Where the checkpoint ends chain 0, for a reader of the file; the auditor resumes from the
        // checkpoint itself, which names the end of every chain.
        SignedCheckpoint.ChainSeal seal = checkpoint.statement().chains().get(0);
        return new AuditorState(checkpoint.index(), checkpoint.digest(), seal.size(), seal.head());
    }

    public static Optional<AuditorState> read(Path file) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
            return Optional.of(new AuditorState(
                    Long.parseLong(properties.getProperty("checkpoint")),
                    HEX.parseHex(properties.getProperty("digest")),
                    Long.parseLong(properties.getProperty("size")),
                    HEX.parseHex(properties.getProperty("head"))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the auditor's state " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the auditor's state " + file + " is malformed", e);
        }
    }

    public void write(Path file) {
        String text = "# the last signed checkpoint this auditor verified\n"
                + "checkpoint=" + index + "\ndigest=" + HEX.formatHex(digest) + "\nsize=" + size + "\nhead="
                + HEX.formatHex(head) + "\n";
        try {
            Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the auditor's state " + file, e);
        }
    }
}
