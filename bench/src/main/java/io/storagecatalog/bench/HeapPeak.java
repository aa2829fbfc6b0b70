package io.storagecatalog.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The heap of a JVM over its life, from its unified GC log ({@code -Xlog:gc,gc+heap+exit}).
 *
 * @param peakUsedMb   the most heap in use at any time: the largest occupancy before a collection, or
 *                     at exit (garbage included: what the JVM needed room for)
 * @param peakLiveMb   the largest occupancy after a collection: an upper bound of the live data
 * @param collections  how many pauses the log records
 */
record HeapPeak(double peakUsedMb, double peakLiveMb, int collections) {

    // "GC(3) Pause Young (Normal) (G1 Evacuation Pause) 24M->3M(256M) 5.123ms"
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    // " garbage-first heap   total 262144K, used 91234K [...]" (at exit)
    private static final Pattern AT_EXIT = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    static HeapPeak read(Path gcLog) {
        double used = 0;
        double live = 0;
        int collections = 0;
        try {
            for (String line : Files.readAllLines(gcLog)) {
                Matcher pause = PAUSE.matcher(line);
                if (pause.find()) {
                    used = Math.max(used, Double.parseDouble(pause.group(1)));
                    live = Math.max(live, Double.parseDouble(pause.group(2)));
                    collections++;
                }
                Matcher exit = AT_EXIT.matcher(line);
                if (exit.find()) {
                    used = Math.max(used, Double.parseDouble(exit.group(1)) / 1024);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read GC log " + gcLog, e);
        }
        return new HeapPeak(used, live, collections);
    }
}
