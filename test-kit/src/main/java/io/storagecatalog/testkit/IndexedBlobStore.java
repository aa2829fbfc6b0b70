package io.storagecatalog.testkit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.ContainerNotFoundException;
import org.jclouds.blobstore.domain.Blob;
import org.jclouds.blobstore.domain.BlobMetadata;
import org.jclouds.blobstore.domain.MultipartPart;
import org.jclouds.blobstore.domain.MultipartUpload;
import org.jclouds.blobstore.domain.PageSet;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.domain.internal.PageSetImpl;
import org.jclouds.blobstore.options.CopyOptions;
import org.jclouds.blobstore.options.CreateContainerOptions;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.jclouds.blobstore.options.PutOptions;
import org.jclouds.blobstore.util.ForwardingBlobStore;
import org.jclouds.domain.Location;

/**
 * jclouds' in-memory store with a sorted index of each bucket's keys, kept as objects are written
 * and removed, so that a recursive listing page costs its page, as it does on MinIO or S3. The stock
 * store answers every page by copying and sorting the whole bucket (jclouds' {@code LocalBlobStore.list}):
 * 0.4 s a page of a bucket of 10,000, which made a test server the bottleneck of a reconciliation
 * over a million objects. Listings with a delimiter (folders) are left to the stock store; objects
 * stay in the stock store, the index only holds their metadata. Keys are ordered as S3 orders them,
 * by their UTF-8 bytes (that is, by code point).
 */
final class IndexedBlobStore extends ForwardingBlobStore {

    static final Comparator<String> KEY_ORDER = IndexedBlobStore::compareCodePoints;
    private static final int DEFAULT_PAGE = 1_000;

    private final Map<String, NavigableMap<String, BlobMetadata>> buckets = new ConcurrentHashMap<>();

    IndexedBlobStore(BlobStore store) {
        super(store);
    }

    @Override
    public PageSet<? extends StorageMetadata> list(String container, ListContainerOptions options) {
        if (!listsEveryKey(options)) {
            return super.list(container, options);
        }
        NavigableMap<String, BlobMetadata> keys = keys(container);
        String prefix = options.getPrefix() == null ? "" : options.getPrefix();
        String marker = options.getMarker();
        NavigableMap<String, BlobMetadata> after = marker != null && KEY_ORDER.compare(marker, prefix) >= 0
                ? keys.tailMap(marker, false)
                : keys.tailMap(prefix, true);
        int max = options.getMaxResults() == null ? DEFAULT_PAGE : options.getMaxResults();
        List<StorageMetadata> page = new ArrayList<>(Math.min(max, DEFAULT_PAGE));
        String next = null;
        for (Map.Entry<String, BlobMetadata> entry : after.entrySet()) {
            if (!entry.getKey().startsWith(prefix)) {
                break;
            }
            if (page.size() == max) {
                next = page.get(page.size() - 1).getName();
                break;
            }
            page.add(entry.getValue());
        }
        return new PageSetImpl<>(page, next);
    }

    // A recursive listing, or one with an empty delimiter (the MinIO client sends "delimiter=" when it
    // lists recursively, and S3Proxy passes it on): every key under the prefix, no folders.
    private static boolean listsEveryKey(ListContainerOptions options) {
        String delimiter = options.getDelimiter();
        return options.getDir() == null && (delimiter == null ? options.isRecursive() : delimiter.isEmpty());
    }

    @Override
    public boolean createContainerInLocation(Location location, String container) {
        boolean created = super.createContainerInLocation(location, container);
        buckets.putIfAbsent(container, newIndex());
        return created;
    }

    @Override
    public boolean createContainerInLocation(Location location, String container, CreateContainerOptions options) {
        boolean created = super.createContainerInLocation(location, container, options);
        buckets.putIfAbsent(container, newIndex());
        return created;
    }

    @Override
    public void deleteContainer(String container) {
        super.deleteContainer(container);
        buckets.remove(container);
    }

    @Override
    public boolean deleteContainerIfEmpty(String container) {
        boolean deleted = super.deleteContainerIfEmpty(container);
        if (deleted) {
            buckets.remove(container);
        }
        return deleted;
    }

    @Override
    public void clearContainer(String container) {
        super.clearContainer(container);
        keys(container).clear();
    }

    @Override
    public void clearContainer(String container, ListContainerOptions options) {
        super.clearContainer(container, options);
        reindex(container);
    }

    @Override
    public void createDirectory(String container, String directory) {
        super.createDirectory(container, directory);
        reindex(container);
    }

    @Override
    public void deleteDirectory(String container, String directory) {
        super.deleteDirectory(container, directory);
        reindex(container);
    }

    @Override
    public String putBlob(String container, Blob blob) {
        String etag = super.putBlob(container, blob);
        indexBlob(container, blob.getMetadata().getName());
        return etag;
    }

    @Override
    public String putBlob(String container, Blob blob, PutOptions options) {
        String etag = super.putBlob(container, blob, options);
        indexBlob(container, blob.getMetadata().getName());
        return etag;
    }

    @Override
    public String copyBlob(
            String fromContainer, String fromName, String toContainer, String toName, CopyOptions options) {
        String etag = super.copyBlob(fromContainer, fromName, toContainer, toName, options);
        indexBlob(toContainer, toName);
        return etag;
    }

    @Override
    public String completeMultipartUpload(MultipartUpload upload, List<MultipartPart> parts) {
        String etag = super.completeMultipartUpload(upload, parts);
        indexBlob(upload.containerName(), upload.blobName());
        return etag;
    }

    @Override
    public void removeBlob(String container, String name) {
        super.removeBlob(container, name);
        keys(container).remove(name);
    }

    @Override
    public void removeBlobs(String container, Iterable<String> names) {
        super.removeBlobs(container, names);
        NavigableMap<String, BlobMetadata> keys = keys(container);
        names.forEach(keys::remove);
    }

    private void indexBlob(String container, String name) {
        BlobMetadata metadata = super.blobMetadata(container, name);
        if (metadata != null) {
            keys(container).put(name, metadata);
        }
    }

    // A bucket created behind this store's back (or before it) is indexed on first use.
    private NavigableMap<String, BlobMetadata> keys(String container) {
        NavigableMap<String, BlobMetadata> keys = buckets.get(container);
        if (keys != null) {
            return keys;
        }
        if (!super.containerExists(container)) {
            throw new ContainerNotFoundException(container, "not in the store");
        }
        return buckets.computeIfAbsent(container, this::scan);
    }

    private void reindex(String container) {
        buckets.put(container, scan(container));
    }

    private NavigableMap<String, BlobMetadata> scan(String container) {
        NavigableMap<String, BlobMetadata> keys = newIndex();
        String marker = null;
        do {
            ListContainerOptions options = new ListContainerOptions().recursive();
            if (marker != null) {
                options.afterMarker(marker);
            }
            PageSet<? extends StorageMetadata> page = super.list(container, options);
            for (StorageMetadata entry : page) {
                if (entry instanceof BlobMetadata blob) {
                    keys.put(blob.getName(), blob);
                }
            }
            marker = page.getNextMarker();
        } while (marker != null);
        return keys;
    }

    private static NavigableMap<String, BlobMetadata> newIndex() {
        return new ConcurrentSkipListMap<>(KEY_ORDER);
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
