package io.storagecatalog.jobs.orphans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.s3.ObjectStore;
import io.storagecatalog.common.s3.ObjectStore.ObjectStoreException;
import io.storagecatalog.common.s3.ObjectStore.StoredObject;
import io.storagecatalog.common.testing.TestObjectStores;
import io.storagecatalog.testkit.TestInfrastructure;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The prefetched listing is the listing asked for, or none: against a real S3 API server. */
class ListingPrefetchTest {

    private final String bucket = "prefetch-" + UUID.randomUUID().toString().substring(0, 8);
    private ObjectStore store;
    private ListingPrefetch listings;

    @BeforeEach
    void fill() {
        store = TestObjectStores.of(TestInfrastructure.s3());
        store.ensureBucket(bucket);
        for (String key : List.of("a", "b", "c", "d", "e")) {
            store.put(bucket, key, new byte[1], "application/octet-stream");
        }
        listings = new ListingPrefetch(store);
    }

    @AfterEach
    void close() {
        listings.close();
        store.remove(bucket, List.of("a", "b", "c", "d", "e", "f"));
    }

    @Test
    void theWindowStartedEarlierIsTheWindowAskedFor() {
        listings.start(bucket, "b", 2);

        assertThat(keys(listings.list(bucket, "b", 2))).containsExactly("c", "d");
    }

    @Test
    void anotherWindowThanTheOneStartedIsListedAfresh() {
        listings.start(bucket, "b", 2);

        assertThat(keys(listings.list(bucket, "a", 2))).containsExactly("b", "c");
        assertThat(keys(listings.list(bucket, "b", 3))).containsExactly("c", "d", "e");
    }

    @Test
    void aPrefetchIsUsedOnceAndThenListedAgain() {
        listings.start(bucket, "d", 2);
        assertThat(keys(listings.list(bucket, "d", 2))).containsExactly("e");
        store.put(bucket, "f", new byte[1], "application/octet-stream");

        assertThat(keys(listings.list(bucket, "d", 2))).containsExactly("e", "f");
    }

    @Test
    void aFailedPrefetchFailsTheWindowWithTheStoresError() {
        String missing = "no-such-bucket-" + bucket;
        listings.start(missing, "", 2);

        assertThatThrownBy(() -> listings.list(missing, "", 2))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining(missing);
    }

    private static List<String> keys(List<StoredObject> objects) {
        return objects.stream().map(StoredObject::key).toList();
    }
}
