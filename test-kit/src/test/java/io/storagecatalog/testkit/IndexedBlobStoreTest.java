package io.storagecatalog.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.messages.Item;
import java.util.ArrayList;
import java.util.List;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The indexed store lists exactly what jclouds' stock in-memory store lists (same names, sizes, pages
 * and next markers), for every combination of prefix, marker and page size, after writes, copies and
 * removals; and S3Proxy over it answers a paged S3 listing.
 */
class IndexedBlobStoreTest {

    private static final List<String> KEYS =
            List.of("a", "a/1", "a/2", "a/10", "a0", "b/x/y", "b/x/z", "b0", "caf\u00e9", "cafe", "z");

    private BlobStoreContext stockContext;
    private BlobStoreContext indexedContext;
    private BlobStore stock;
    private BlobStore indexed;

    @BeforeEach
    void stores() {
        stockContext = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
        indexedContext = ContextBuilder.newBuilder("transient").build(BlobStoreContext.class);
        stock = stockContext.getBlobStore();
        indexed = new IndexedBlobStore(indexedContext.getBlobStore());
        for (BlobStore store : List.of(stock, indexed)) {
            store.createContainerInLocation(null, "bucket");
            for (String key : KEYS) {
                store.putBlob(
                        "bucket",
                        store.blobBuilder(key).payload(new byte[key.length()]).build());
            }
        }
    }

    @AfterEach
    void close() {
        stockContext.close();
        indexedContext.close();
    }

    @Test
    void pagesAreTheStockStoresPages() {
        assertSameListings();
    }

    @Test
    void writesCopiesAndRemovalsShowInTheNextListing() {
        for (BlobStore store : List.of(stock, indexed)) {
            store.removeBlob("bucket", "a/2");
            store.removeBlobs("bucket", List.of("b0", "z"));
            store.copyBlob("bucket", "a", "bucket", "b/copy", CopyOptions.NONE);
            store.putBlob(
                    "bucket", store.blobBuilder("a/3").payload(new byte[7]).build());
        }
        assertSameListings();
        assertThat(names(indexed, new ListContainerOptions().recursive().prefix("a/")))
                .containsExactly("a/1", "a/10", "a/3");
    }

    @Test
    void aRecursiveListingAndAnEmptyDelimiterAreAnsweredFromTheIndex() {
        // Written behind the index's back: only a listing of the stock store can see it.
        indexedContext
                .getBlobStore()
                .putBlob(
                        "bucket",
                        stock.blobBuilder("hidden").payload(new byte[1]).build());

        assertThat(names(indexed, new ListContainerOptions().recursive())).doesNotContain("hidden");
        assertThat(names(indexed, new ListContainerOptions().delimiter(""))).doesNotContain("hidden");
        assertThat(names(indexed, new ListContainerOptions().delimiter("/"))).contains("hidden");
    }

    @Test
    void keysAreInUtf8ByteOrderAsS3ListsThem() {
        // U+FFFD is EF BF BD in UTF-8, U+1F600 F0 9F 98 80; in UTF-16 the emoji's surrogate D83D comes first.
        for (String key : List.of("\uD83D\uDE00", "\uFFFD")) {
            indexed.putBlob(
                    "bucket", indexed.blobBuilder(key).payload(new byte[1]).build());
        }

        assertThat(names(indexed, new ListContainerOptions().recursive().afterMarker("z")))
                .containsExactly("\uFFFD", "\uD83D\uDE00");
    }

    @Test
    void aBucketFilledBeforeTheIndexIsIndexedOnFirstListing() {
        BlobStore later = new IndexedBlobStore(stockContext.getBlobStore());

        assertThat(names(later, new ListContainerOptions().recursive()))
                .isEqualTo(names(stock, new ListContainerOptions().recursive()));
        assertThatThrownBy(() -> later.list("no-such-bucket", new ListContainerOptions().recursive()))
                .isInstanceOf(ContainerNotFoundException.class);
    }

    @Test
    void s3ProxyPagesAListingOverTheIndex() throws Exception {
        try (EmbeddedTestS3 s3 = EmbeddedTestS3.start()) {
            MinioClient client = MinioClient.builder()
                    .endpoint(s3.endpoint())
                    .credentials(s3.accessKey(), s3.secretKey())
                    .build();
            client.makeBucket(MakeBucketArgs.builder().bucket("paged").build());
            List<String> written = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String key = String.format("k/%03d", i);
                client.putObject(PutObjectArgs.builder().bucket("paged").object(key).stream(
                                new java.io.ByteArrayInputStream(new byte[i]), i, -1)
                        .build());
                written.add(key);
            }
            client.removeObject(
                    RemoveObjectArgs.builder().bucket("paged").object("k/007").build());
            written.remove("k/007");

            // Page by page, each request starting after the last key of the one before (as the catalog's
            // reconciliation lists; S3Proxy refuses the MinIO client's own continuation, which sends both a
            // continuation token and start-after).
            List<String> listed = new ArrayList<>();
            List<Long> sizes = new ArrayList<>();
            String after = "k/002";
            int pageSize;
            do {
                pageSize = 0;
                for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                        .bucket("paged")
                        .recursive(true)
                        .maxKeys(4)
                        .startAfter(after)
                        .build())) {
                    listed.add(result.get().objectName());
                    sizes.add(result.get().size());
                    after = result.get().objectName();
                    if (++pageSize == 4) {
                        break;
                    }
                }
            } while (pageSize == 4);

            assertThat(listed).isEqualTo(written.subList(3, written.size()));
            assertThat(sizes).first().isEqualTo(3L);
            assertThat(sizes).last().isEqualTo(24L);
        }
    }

    private void assertSameListings() {
        List<String> markers = new ArrayList<>(KEYS);
        markers.add(null);
        markers.add("");
        markers.add("a/");
        markers.add("b");
        for (String prefix : new String[] {null, "", "a", "a/", "b/x/", "c", "nothing"}) {
            for (String marker : markers) {
                for (Integer max : new Integer[] {null, 1, 2, 5, 1_000}) {
                    ListContainerOptions options = new ListContainerOptions().recursive();
                    if (max != null && max == 2) {
                        // How S3Proxy passes on the MinIO client's recursive listing ("delimiter=").
                        options = new ListContainerOptions().delimiter("");
                    }
                    if (prefix != null) {
                        options.prefix(prefix);
                    }
                    if (marker != null) {
                        options.afterMarker(marker);
                    }
                    if (max != null) {
                        options.maxResults(max);
                    }
                    PageSet<? extends StorageMetadata> expected = stock.list("bucket", options);
                    PageSet<? extends StorageMetadata> actual = indexed.list("bucket", options);
                    String what = "prefix " + prefix + ", marker " + marker + ", max " + max;
                    assertThat(summary(actual)).as(what).isEqualTo(summary(expected));
                    assertThat(actual.getNextMarker()).as(what).isEqualTo(expected.getNextMarker());
                }
            }
        }
    }

    private static List<String> names(BlobStore store, ListContainerOptions options) {
        return store.list("bucket", options).stream()
                .map(StorageMetadata::getName)
                .toList();
    }

    private static List<String> summary(PageSet<? extends StorageMetadata> page) {
        return page.stream()
                .map(m -> m.getName() + " " + m.getSize() + " " + m.getETag())
                .toList();
    }
}
