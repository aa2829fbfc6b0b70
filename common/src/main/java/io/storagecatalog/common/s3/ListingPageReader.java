package io.storagecatalog.common.s3;

import io.storagecatalog.common.s3.ObjectStore.StoredObject;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a ListObjectsV2 response ({@code ListBucketResult}) as it streams in: each entry's key and
 * size, and whether the listing goes on. Nothing else of the response is kept.
 */
final class ListingPageReader {

    private static final XMLInputFactory FACTORY = newFactory();

    /**
     * One response's entries (folder markers included) in the order listed.
     *
     * @param truncated whether the store has more keys after the last one
     */
    record Page(List<StoredObject> entries, boolean truncated) {}

    private ListingPageReader() {}

    static Page read(InputStream response) {
        try {
            XMLStreamReader xml = FACTORY.createXMLStreamReader(response, StandardCharsets.UTF_8.name());
            try {
                return read(xml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            throw new ObjectStore.ObjectStoreException(
                    "object store: unreadable listing response: " + e.getMessage(), e);
        }
    }

    private static Page read(XMLStreamReader xml) throws XMLStreamException {
        List<StoredObject> listed = new ArrayList<>();
        boolean truncated = false;
        boolean urlEncoded = false;
        boolean inEntry = false;
        String key = null;
        long size = -1;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Contents" -> {
                        inEntry = true;
                        key = null;
                        size = -1;
                    }
                    case "Key" -> key = inEntry ? xml.getElementText() : key;
                    case "Size" ->
                        size = inEntry ? Long.parseLong(xml.getElementText().trim()) : size;
                    case "IsTruncated" ->
                        truncated = !inEntry
                                && Boolean.parseBoolean(xml.getElementText().trim());
                    case "EncodingType" ->
                        urlEncoded =
                                !inEntry && "url".equals(xml.getElementText().trim());
                    default -> {}
                }
            } else if (event == XMLStreamConstants.END_ELEMENT && "Contents".equals(xml.getLocalName())) {
                if (key == null || size < 0) {
                    throw new XMLStreamException("an entry without a key or a size", xml.getLocation());
                }
                listed.add(new StoredObject(key, size));
                inEntry = false;
            }
        }
        // The encoding is known once the whole response is read: S3 does not fix the element's place.
        if (!urlEncoded) {
            return new Page(listed, truncated);
        }
        return new Page(
                listed.stream()
                        .map(entry ->
                                new StoredObject(URLDecoder.decode(entry.key(), StandardCharsets.UTF_8), entry.size()))
                        .toList(),
                truncated);
    }

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        // A listing has no document type: none is read, no entity resolved.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        return factory;
    }
}
