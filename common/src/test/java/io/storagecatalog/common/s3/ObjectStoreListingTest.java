package io.storagecatalog.common.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.s3.ObjectStore.StoredObject;
import io.storagecatalog.common.testing.TestObjectStores;
import io.storagecatalog.testkit.TestInfrastructure;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A listing window larger than one request (1,000 keys) against a real S3 API server: the keys come
 * request after request, in order, none twice, none missed, folder markers left out.
 */
class ObjectStoreListingTest {

    private static final int OBJECTS = 2_345;
    private static final String BUCKET =
            "listing-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> KEYS = new ArrayList<>();
    private static ObjectStore store;

    @BeforeAll
    static void fill() throws Exception {
        store = TestObjectStores.of(TestInfrastructure.s3());
        store.ensureBucket(BUCKET);
        for (int i = 0; i < OBJECTS; i++) {
            KEYS.add(String.format("k/%05d.bin", i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> puts = new ArrayList<>();
            for (int i = 0; i < OBJECTS; i++) {
                String key = KEYS.get(i);
                int size = i % 7;
                puts.add(pool.submit(() -> {
                    store.put(BUCKET, key, new byte[size], "application/octet-stream");
                    return null;
                }));
            }
            // A folder marker in the middle of a request's keys.
            puts.add(pool.submit(() -> {
                store.put(BUCKET, "k/01500.bin/", new byte[0], "application/x-directory");
                return null;
            }));
            for (Future<?> put : puts) {
                put.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    @AfterAll
    static void empty() {
        for (int from = 0; from < KEYS.size(); from += 1_000) {
            store.remove(BUCKET, KEYS.subList(from, Math.min(KEYS.size(), from + 1_000)));
        }
        store.remove(BUCKET, List.of("k/01500.bin/"));
    }

    @Test
    void aWindowLargerThanOneRequestListsEveryKeyInOrder() {
        List<StoredObject> first = store.listAfter(BUCKET, "", 1_700);
        List<StoredObject> rest =
                store.listAfter(BUCKET, first.get(first.size() - 1).key(), 5_000);

        assertThat(first).hasSize(1_700);
        assertThat(first.get(1_699).key()).isEqualTo(KEYS.get(1_699));
        assertThat(rest).extracting(StoredObject::key).isEqualTo(KEYS.subList(1_700, OBJECTS));
        assertThat(first.get(1_000).size()).isEqualTo(1_000 % 7);
        assertThat(rest.get(0).size()).isEqualTo(1_700 % 7);
    }

    @Test
    void aWindowEndingOnARequestBoundaryStopsThere() {
        List<StoredObject> window = store.listAfter(BUCKET, KEYS.get(999), 1_000);

        assertThat(window).extracting(StoredObject::key).isEqualTo(KEYS.subList(1_000, 2_000));
    }

    @Test
    void keysUnderAPrefixComeRequestAfterRequestWithoutFolderMarkers() {
        // 1,000 keys and the folder marker among them: one full request and one more.
        List<String> keys = new ArrayList<>();
        store.keys(BUCKET, "k/01").forEach(keys::add);

        assertThat(keys).isEqualTo(KEYS.subList(1_000, 2_000));
        assertThat(store.keys(BUCKET, "none/")).isEmpty();
    }

    @Test
    void keysWithCharactersXmlAndUrlsTreatSpeciallyComeBackAsWritten() {
        String bucket = "listing-keys-" + UUID.randomUUID().toString().substring(0, 8);
        store.ensureBucket(bucket);
        // In UTF-8 byte order, as S3 lists them.
        List<String> keys = List.of(
                "a b+c%20d.txt", "a&b<c>\"d'.txt", "a\u00e9\u00e8.txt", "a\u4e2d\u6587.txt", "a\ud83d\ude00.txt");
        for (String key : keys) {
            store.put(bucket, key, new byte[3], "text/plain");
        }

        List<StoredObject> listed = store.listAfter(bucket, "", 10);
        List<StoredObject> afterFirst = store.listAfter(bucket, keys.get(0), 10);

        assertThat(listed).extracting(StoredObject::key).containsExactlyElementsOf(keys);
        assertThat(listed).extracting(StoredObject::size).containsOnly(3L);
        assertThat(afterFirst).extracting(StoredObject::key).containsExactlyElementsOf(keys.subList(1, keys.size()));
        store.remove(bucket, keys);
    }
}
