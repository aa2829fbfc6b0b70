package io.storagecatalog.common.s3;

import com.google.common.collect.Multimap;
import io.minio.ListObjectsArgs;
import io.minio.MinioAsyncClient;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import okhttp3.Response;

/**
 * One ListObjectsV2 request of the MinIO client (its signing, region, retries and error responses),
 * whose response is read by {@link ListingPageReader} rather than bound by the client's XML binding
 * (simple-xml): that binding took 60% of the listing thread's CPU in the orphan reconciliation, about
 * 10 ms a page of 1,000 keys where the reader takes under 2 (JFR and a side-by-side run, see
 * docs/performance.md).
 */
final class ListingClient extends MinioAsyncClient {

    ListingClient(MinioAsyncClient client) {
        super(client);
    }

    /**
     * Up to {@code maxKeys} keys under {@code prefix} ("" for all) after {@code startAfter} ("" for
     * the start), in the store's order.
     */
    ListingPageReader.Page list(String bucket, String prefix, String startAfter, int maxKeys)
            throws MinioException, IOException, GeneralSecurityException {
        // Keys URL-encoded, as the MinIO client asks too: XML 1.0 cannot carry every character a key may hold.
        Multimap<String, String> query =
                newMultimap("list-type", "2", "max-keys", Integer.toString(maxKeys), "encoding-type", "url");
        if (!prefix.isEmpty()) {
            query.put("prefix", prefix);
        }
        if (!startAfter.isEmpty()) {
            query.put("start-after", startAfter);
        }
        try (Response response =
                executeGet(ListObjectsArgs.builder().bucket(bucket).build(), null, query)) {
            return ListingPageReader.read(response.body().byteStream());
        }
    }
}
