package io.storagecatalog.common.s3;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.MinioException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;

/** The few object-store operations the catalog needs, with checked errors turned into one unchecked type. */
public class ObjectStore {

    /** The most keys one listing request returns (S3's limit). */
    private static final int MAX_KEYS_PER_REQUEST = 1000;

    private final MinioClient client;
    private final ListingClient listing;

    public ObjectStore(ObjectStoreProperties properties) {
        MinioClient.Builder client =
                MinioClient.builder().endpoint(properties.endpoint()).region(properties.region());
        MinioAsyncClient.Builder listing =
                MinioAsyncClient.builder().endpoint(properties.endpoint()).region(properties.region());
        // A process that never calls the store may have no credentials for it (RequiredCredentials checks the others).
        if (properties.accessKey() != null && properties.secretKey() != null) {
            client.credentials(properties.accessKey(), properties.secretKey());
            listing.credentials(properties.accessKey(), properties.secretKey());
        }
        this.client = client.build();
        this.listing = new ListingClient(listing.build());
    }

    public MinioClient client() {
        return client;
    }

    /**
     * Whether the bucket exists. A name the store could not hold (S3's naming rules: 3 to 63 lower-case
     * letters, digits, dots and hyphens) names no bucket, so it reads as missing, not as an error.
     */
    public boolean bucketExists(String bucket) {
        try {
            BucketExistsArgs args = BucketExistsArgs.builder().bucket(bucket).build();
            return call("look up bucket " + bucket, () -> client.bucketExists(args));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public void ensureBucket(String bucket) {
        call("create bucket " + bucket, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                try {
                    client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
                } catch (ErrorResponseException e) {
                    // Another instance made it meanwhile.
                    if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                        throw e;
                    }
                }
            }
            return null;
        });
    }

    public void put(String bucket, String key, byte[] content, String contentType) {
        call(
                "put " + bucket + "/" + key,
                () -> client.putObject(PutObjectArgs.builder().bucket(bucket).object(key).stream(
                                new ByteArrayInputStream(content), content.length, -1)
                        .contentType(contentType)
                        .build()));
    }

    /**
     * Writes an object only if its key is free: {@code If-None-Match: *} on the PUT (S3, MinIO), after a
     * look-up for stores that ignore the condition. With a retention, the object is also locked in
     * compliance mode until then (the bucket must have Object Lock enabled).
     *
     * @return false when the key holds an object already (nothing was written)
     */
    public boolean putIfAbsent(
            String bucket, String key, byte[] content, String contentType, java.time.ZonedDateTime retainUntil) {
        if (size(bucket, key) >= 0) {
            return false;
        }
        return call("put " + bucket + "/" + key + " if absent", () -> {
            PutObjectArgs.Builder args = PutObjectArgs.builder().bucket(bucket).object(key).stream(
                            new ByteArrayInputStream(content), content.length, -1)
                    .contentType(contentType)
                    .headers(java.util.Map.of("If-None-Match", "*"));
            if (retainUntil != null) {
                args.retention(
                        new io.minio.messages.Retention(io.minio.messages.RetentionMode.COMPLIANCE, retainUntil));
            }
            try {
                client.putObject(args.build());
                return true;
            } catch (ErrorResponseException e) {
                String code = e.errorResponse().code();
                if ("PreconditionFailed".equals(code) || "ConditionalRequestConflict".equals(code)) {
                    return false;
                }
                throw e;
            }
        });
    }

    public byte[] get(String bucket, String key) {
        return call("get " + bucket + "/" + key, () -> {
            try (InputStream in = client.getObject(
                    GetObjectArgs.builder().bucket(bucket).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    /**
     * Keys under a prefix, in the store's (UTF-8 binary) order, listed a request at a time as the
     * iteration goes (folder markers left out).
     */
    public Iterable<String> keys(String bucket, String prefix) {
        return () -> new java.util.Iterator<>() {
            private java.util.Iterator<StoredObject> page = java.util.Collections.emptyIterator();
            private String after = "";

            @Override
            public boolean hasNext() {
                while (!page.hasNext() && after != null) {
                    ListedPage listed = listPage(bucket, prefix, after, MAX_KEYS_PER_REQUEST);
                    page = listed.objects().iterator();
                    after = listed.lastKey();
                }
                return page.hasNext();
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException("no more keys under " + bucket + "/" + prefix);
                }
                return page.next().key();
            }
        };
    }

    /** An object of a listing. */
    public record StoredObject(String key, long size) {}

    /**
     * Up to {@code max} objects after {@code startAfter} (exclusive; "" for the start), in the store's
     * order: UTF-8 binary order of the keys. Folder markers ({@code key/}) are left out. A listing
     * request returns at most 1,000 keys; more are asked for page by page, each request starting after
     * the last key of the one before (S3Proxy refuses the MinIO client's own continuation, which sends a
     * continuation token together with start-after).
     */
    public java.util.List<StoredObject> listAfter(String bucket, String startAfter, int max) {
        java.util.List<StoredObject> objects = new java.util.ArrayList<>(max);
        String after = startAfter;
        while (objects.size() < max) {
            ListedPage page = listPage(bucket, "", after, Math.min(max - objects.size(), MAX_KEYS_PER_REQUEST));
            objects.addAll(page.objects());
            if (page.lastKey() == null || page.lastKey().equals(after)) {
                break;
            }
            after = page.lastKey();
        }
        return objects;
    }

    /** One listing request's objects, and the last key it listed (folder markers included), or null at the end. */
    private record ListedPage(java.util.List<StoredObject> objects, String lastKey) {}

    private ListedPage listPage(String bucket, String prefix, String startAfter, int maxKeys) {
        ListingPageReader.Page page =
                call("list " + bucket + "/" + prefix, () -> listing.list(bucket, prefix, startAfter, maxKeys));
        java.util.List<StoredObject> objects = page.entries().stream()
                .filter(entry -> !entry.key().endsWith("/"))
                .toList();
        boolean more = page.truncated() && !page.entries().isEmpty();
        return new ListedPage(
                objects, more ? page.entries().get(page.entries().size() - 1).key() : null);
    }

    /** Removes the objects (missing ones are not an error). */
    public void remove(String bucket, java.util.Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        call("remove objects from " + bucket, () -> {
            java.util.List<io.minio.messages.DeleteObject> objects =
                    keys.stream().map(io.minio.messages.DeleteObject::new).toList();
            for (io.minio.Result<io.minio.messages.DeleteError> result :
                    client.removeObjects(io.minio.RemoveObjectsArgs.builder()
                            .bucket(bucket)
                            .objects(objects)
                            .build())) {
                io.minio.messages.DeleteError error = result.get();
                if (!"NoSuchKey".equals(error.code())) {
                    // The object's key is not quoted: it may name a patient.
                    throw new ObjectStoreException(
                            "object store: could not remove an object of " + bucket + ": " + error.code(), null);
                }
            }
            return null;
        });
    }

    /** @return the object's size, or -1 when it does not exist */
    public long size(String bucket, String key) {
        return call("stat " + bucket + "/" + key, () -> {
            try {
                return client.statObject(StatObjectArgs.builder()
                                .bucket(bucket)
                                .object(key)
                                .build())
                        .size();
            } catch (ErrorResponseException e) {
                if ("NoSuchKey".equals(e.errorResponse().code())) {
                    return -1L;
                }
                throw e;
            }
        });
    }

    private interface Call<T> {
        T run() throws MinioException, IOException, GeneralSecurityException;
    }

    private static <T> T call(String what, Call<T> call) {
        try {
            return call.run();
        } catch (MinioException | IOException | GeneralSecurityException e) {
            throw new ObjectStoreException("object store: could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** An object-store operation failed. */
    public static class ObjectStoreException extends RuntimeException {
        public ObjectStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
