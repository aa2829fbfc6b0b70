package io.storagecatalog.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a worker's JVM is started: the jar and the JVM options. {@link #withClassDataArchive} prepares
 * the start Spring Boot documents for production with class data sharing (CDS): the jar extracted,
 * one training run that refreshes the application context and exits while the JVM writes the classes
 * it loaded to an archive, then every start from the extracted jar with that archive. A worker here
 * starts in about half the time (measured: 12-14 s from the jar, 6-7 s with the archive), which is
 * what a suite that starts workers again and again spends most of its time on.
 *
 * @param jar        the executable jar to run
 * @param jvmOptions options before {@code -jar}
 */
public record WorkerLaunch(Path jar, List<String> jvmOptions) {

    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(3);

    public WorkerLaunch {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts the jar as built. */
    public static WorkerLaunch of(Path jar, List<String> jvmOptions) {
        return new WorkerLaunch(jar, jvmOptions);
    }

    /**
     * Extracts the jar into {@code directory} and trains its archive with {@code properties} (a run
     * that connects to the servers as a real start does, but consumes nothing and serves nothing).
     * Where no archive comes out (a JDK without a base CDS archive, for one), the jar as built, so
     * that only the start-up time differs, never the worker.
     */
    public static WorkerLaunch withClassDataArchive(
            Path jar, List<String> jvmOptions, Path directory, Map<String, String> properties, Path log) {
        String name = jar.getFileName().toString();
        Path extracted = directory.resolve(name.replaceFirst("\\.jar$", ""));
        Path application = extracted.resolve(name);
        Path archive = extracted.resolve("application.jsa");
        run(
                List.of(
                        ChildProcess.java(),
                        "-Djarmode=tools",
                        "-jar",
                        jar.toString(),
                        "extract",
                        "--destination",
                        extracted.toString()),
                "extract " + name,
                log);
        List<String> training = new ArrayList<>(List.of(ChildProcess.java()));
        training.addAll(jvmOptions);
        training.addAll(List.of(
                "-XX:ArchiveClassesAtExit=" + archive,
                "-Dspring.context.exit=onRefresh",
                "-jar",
                application.toString()));
        properties.forEach((key, value) -> training.add("--" + key + "=" + value));
        training.add("--server.port=0");
        run(training, "train the class data archive of " + name, log);
        if (!Files.isRegularFile(archive)) {
            System.err.printf("no class data archive for %s (see %s): it starts from the jar%n", name, log);
            return of(jar, jvmOptions);
        }
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-XX:SharedArchiveFile=" + archive);
        return new WorkerLaunch(application, options);
    }

    private static void run(List<String> command, String what, Path log) {
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            if (!process.waitFor(TRAINING_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("could not " + what + " within " + TRAINING_TIMEOUT + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "could not " + what + " (exit " + process.exitValue() + "); see " + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not " + what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
