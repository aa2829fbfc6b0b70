package io.storagecatalog.common.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.storagecatalog.common.s3.ObjectStore.ObjectStoreException;
import io.storagecatalog.common.s3.ObjectStore.StoredObject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The listing response as S3 API servers write it, read without the client's XML binding. */
@Tag("unit")
class ListingPageReaderTest {

    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>bucket</Name><Prefix></Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>""";

    @Test
    void readsEachEntrysKeyAndSizeInOrderAndWhetherTheListingGoesOn() {
        ListingPageReader.Page page = read(HEAD + """
                  <IsTruncated>true</IsTruncated>
                  <Contents><Key>b/1.bin</Key><LastModified>2026-12-02T00:00:00.000Z</LastModified>
                    <ETag>&quot;x&quot;</ETag><Size>10</Size><Owner><ID>o</ID><DisplayName>Key</DisplayName></Owner>
                    <StorageClass>STANDARD</StorageClass></Contents>
                  <Contents><Size>0</Size><Key>b/2/</Key></Contents>
                </ListBucketResult>""");

        assertThat(page.entries()).containsExactly(new StoredObject("b/1.bin", 10), new StoredObject("b/2/", 0));
        assertThat(page.truncated()).isTrue();
    }

    @Test
    void theLastPageIsNotTruncated() {
        ListingPageReader.Page page = read(HEAD + "<IsTruncated>false</IsTruncated></ListBucketResult>");

        assertThat(page.entries()).isEmpty();
        assertThat(page.truncated()).isFalse();
    }

    @Test
    void urlEncodedKeysAreDecodedWhereverTheEncodingIsDeclared() {
        String entries = "<Contents><Key>a+b%2Bc%25%E2%82%AC</Key><Size>1</Size></Contents>";

        ListingPageReader.Page encodedFirst =
                read(HEAD + "<EncodingType>url</EncodingType>" + entries + "</ListBucketResult>");
        ListingPageReader.Page encodedLast =
                read(HEAD + entries + "<EncodingType>url</EncodingType></ListBucketResult>");
        ListingPageReader.Page plain = read(HEAD + entries + "</ListBucketResult>");

        assertThat(encodedFirst.entries()).containsExactly(new StoredObject("a b+c%\u20ac", 1));
        assertThat(encodedLast.entries()).isEqualTo(encodedFirst.entries());
        assertThat(plain.entries()).containsExactly(new StoredObject("a+b%2Bc%25%E2%82%AC", 1));
    }

    @Test
    void anEntryWithoutASizeIsAnErrorNotAnObjectOfSizeZero() {
        assertThatThrownBy(() -> read(HEAD + "<Contents><Key>k</Key></Contents></ListBucketResult>"))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("without a key or a size");
    }

    @Test
    void aResponseThatIsNotXmlIsAnError() {
        assertThatThrownBy(() -> read("<ListBucketResult><Contents>"))
                .isInstanceOf(ObjectStoreException.class)
                .hasMessageContaining("unreadable listing response");
    }

    @Test
    void aDocumentTypeIsNotFollowed() {
        String external = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>"
                + "<ListBucketResult><Contents><Key>&e;</Key><Size>1</Size></Contents></ListBucketResult>";

        assertThatThrownBy(() -> read(external)).isInstanceOf(ObjectStoreException.class);
    }

    private static ListingPageReader.Page read(String xml) {
        return ListingPageReader.read(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }
}
