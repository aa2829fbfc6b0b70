package io.storagecatalog.jobs.orphans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStore.ObjectStoreException;
import io.storagecatalog.common.testing.TestObjectStores;
import io.storagecatalog.testkit.TestInfrastructure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Removal across buckets, several requests at once, against a real S3 API server. */
class ObjectRemovalTest {

    private final String prefix = "removal-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final ObjectStore store = TestObjectStores.of(TestInfrastructure.s3());
    private final ObjectRemoval removal = new ObjectRemoval(store, 2);

    @AfterEach
    void close() {
        removal.close();
    }

    @Test
    void removesTheKeysOfEveryBucketAndNothingElse() {
        Map<String, List<String>> keys = fill(5);

        removal.remove(keys);

        keys.keySet()
                .forEach(bucket -> assertThat(store.listAfter(bucket, "", 10))
                        .extracting(ObjectStore.StoredObject::key)
                        .containsExactly("kept"));
    }

    @Test
    void aFailedRequestIsThrownAfterTheOthersHaveFinished() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put(prefix + "missing", List.of("x"));
        keys.putAll(fill(3));

        assertThatThrownBy(() -> removal.remove(keys))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining(prefix + "missing");
        keys.keySet().stream()
                .filter(bucket -> !bucket.endsWith("missing"))
                .forEach(bucket -> assertThat(store.listAfter(bucket, "", 10))
                        .extracting(ObjectStore.StoredObject::key)
                        .containsExactly("kept"));
    }

    private Map<String, List<String>> fill(int buckets) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        for (int b = 0; b < buckets; b++) {
            String bucket = prefix + b;
            store.ensureBucket(bucket);
            for (String key : List.of("a", "b", "kept")) {
                store.put(bucket, key, new byte[1], "application/octet-stream");
            }
            keys.put(bucket, List.of("a", "b"));
        }
        return keys;
    }
}
