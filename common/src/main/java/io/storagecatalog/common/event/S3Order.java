package io.storagecatalog.common.event;

import java.util.Locale;

/**
 * Where an S3 notification stands in its object's history. Notifications for one object arrive out
 * of order; the sequencer (hexadecimal, compared after right-padding to equal length) says which is
 * newer, whatever the arrival order.
 *
 * @param sequence  the sequencer, upper-cased and right-padded with '0' to {@link #WIDTH} characters,
 *                  so that plain string comparison (in the database too) orders it
 * @param versionId the object version on a versioned bucket, or null
 */
public record S3Order(String sequence, String versionId) implements Comparable<S3Order> {

    public static final int WIDTH = 64;

    public S3Order {
        if (sequence == null || sequence.length() != WIDTH) {
            throw new IllegalArgumentException("sequence must be " + WIDTH + " characters");
        }
    }

    /**
     * @throws IllegalArgumentException when the sequencer is not hexadecimal or longer than {@link #WIDTH}
     */
    public static S3Order of(String sequencer, String versionId) {
        if (sequencer.isEmpty()
                || sequencer.length() > WIDTH
                || !sequencer.chars().allMatch(S3Order::isHex)) {
            throw new IllegalArgumentException("must be 1 to " + WIDTH + " hexadecimal digits");
        }
        String upper = sequencer.toUpperCase(Locale.ROOT);
        return new S3Order(upper + "0".repeat(WIDTH - upper.length()), versionId);
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    @Override
    public int compareTo(S3Order other) {
        return sequence.compareTo(other.sequence);
    }
}
