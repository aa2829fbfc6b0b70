package io.storagecatalog.faults;

import java.util.List;

/**
 * What a scenario left behind, against what its stream says it must.
 *
 * @param lost                valid events without their audit row, plus files the catalog lacks
 * @param duplicated          audit rows beyond one per event, plus audit rows of events never sent
 * @param drift               catalog rows that differ from the reference model (a download counted
 *                            twice shows here), plus quota entities whose usage differs from a
 *                            recalculation
 * @param badRecords          bad records sent; {@code deadLetters} dead letters found
 * @param deadLetterMismatch  dead letters that are not a bad record, plus bad records without one
 * @param problems            the first differences, to read
 */
record Outcome(
        String scenario,
        int records,
        int validEvents,
        long lost,
        long duplicated,
        long drift,
        boolean chainIntact,
        int badRecords,
        int deadLetters,
        int deadLetterMismatch,
        int deadLettersWithoutReason,
        List<String> problems) {

    boolean clean() {
        return lost == 0
                && duplicated == 0
                && drift == 0
                && chainIntact
                && deadLetterMismatch == 0
                && deadLettersWithoutReason == 0;
    }

    Outcome withDrift(long drift) {
        return new Outcome(
                scenario,
                records,
                validEvents,
                lost,
                duplicated,
                drift,
                chainIntact,
                badRecords,
                deadLetters,
                deadLetterMismatch,
                deadLettersWithoutReason,
                problems);
    }
}
