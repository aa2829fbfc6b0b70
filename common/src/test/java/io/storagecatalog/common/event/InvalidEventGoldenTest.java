package io.storagecatalog.common.event;

import static io.storagecatalog.common.event.RejectionReason.CLEAR_PASSWORD;
import static io.storagecatalog.common.event.RejectionReason.INVALID_VALUE;
import static io.storagecatalog.common.event.RejectionReason.KEY_MISMATCH;
import static io.storagecatalog.common.event.RejectionReason.MALFORMED;
import static io.storagecatalog.common.event.RejectionReason.MISSING_FIELD;
import static io.storagecatalog.common.event.RejectionReason.TOO_LARGE;
import static io.storagecatalog.common.event.RejectionReason.UNKNOWN_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.storagecatalog.common.event.EventContract.RecordFormat;
import io.storagecatalog.common.testing.CloudEventBuilder;
import io.storagecatalog.common.testing.TestEvents;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * Records that break the contract, each with the exact rejection the dead-letter headers will carry:
 * the field at fault, the message, and the reason category.
 */
@Tag("unit")
class InvalidEventGoldenTest {

    private static final String FILE = "files/a.pdf";
    private static final UUID USER = UUID.fromString("8d3c5a1e-2f47-4b6a-9c0d-1e2f3a4b5c6d");
    private static final String UNKNOWN_MEDIA = "content-type: expected application/cloudevents+json (structured mode)"
            + " or ce_* headers (binary mode), was ";
    private static final String NUL = "contains a NUL character (U+0000), which cannot be stored";

    record Case(
            String name,
            RawRecord record,
            EventContract contract,
            String field,
            String message,
            RejectionReason reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> invalidRecords() {
        return Stream.of(
                // Context attributes, binary mode
                reject(
                        "rejectsBinaryWithoutCeId",
                        upload().id(null).binary(),
                        "ce_id",
                        "ce_id: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsBinaryWithBlankCeId",
                        upload().id(" ").binary(),
                        "ce_id",
                        "ce_id: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsBinaryWithoutCeSource",
                        upload().source(null).binary(),
                        "ce_source",
                        "ce_source: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsBinaryWithBlankCeSource",
                        upload().source("").binary(),
                        "ce_source",
                        "ce_source: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsBinaryWithoutCeType",
                        upload().type(null).binary(),
                        "ce_type",
                        "ce_type: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsBinaryWithBlankCeType",
                        upload().type("\t").binary(),
                        "ce_type",
                        "ce_type: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsBinaryWithoutCeSpecversion",
                        upload().specversion(null).binary(),
                        "ce_specversion",
                        "ce_specversion: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsBinaryWithBlankCeSpecversion",
                        upload().specversion(" ").binary(),
                        "ce_specversion",
                        "ce_specversion: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsBinaryWithWrongSpecversion",
                        upload().specversion("0.3").binary(),
                        "ce_specversion",
                        "ce_specversion: must be 1.0",
                        INVALID_VALUE),
                reject(
                        "rejectsUnknownBinaryType",
                        upload().type("storage.file.explode").binary(),
                        "ce_type",
                        "ce_type: is not a type of the contract (docs/events.md)",
                        UNKNOWN_TYPE),
                reject(
                        "rejectsBinarySourceWithWhitespace",
                        upload().source("/storage api").binary(),
                        "ce_source",
                        "ce_source: must not contain whitespace",
                        INVALID_VALUE),
                reject("rejectsNulInCeId", upload().id("evt\u00001").binary(), "ce_id", "ce_id: " + NUL, INVALID_VALUE),
                reject(
                        "rejectsTooLongCeId",
                        upload().id("e".repeat(1025)).binary(),
                        "ce_id",
                        "ce_id: must be at most 1024 bytes in UTF-8, was 1025",
                        INVALID_VALUE),
                reject(
                        "rejectsBadCeTime",
                        upload().time("yesterday").binary(),
                        "ce_time",
                        "ce_time: must be an RFC 3339 timestamp",
                        INVALID_VALUE),
                reject(
                        "rejectsCeTimeWithoutOffset",
                        upload().time("2025-03-14T09:26:53").binary(),
                        "ce_time",
                        "ce_time: must be an RFC 3339 timestamp",
                        INVALID_VALUE),

                // Context attributes, structured mode
                reject(
                        "rejectsStructuredWithoutId",
                        upload().id(null).structured(),
                        "id",
                        "id: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsStructuredWithBlankId",
                        upload().id("").structured(),
                        "id",
                        "id: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsStructuredWithoutSource",
                        upload().source(null).structured(),
                        "source",
                        "source: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsStructuredWithoutType",
                        upload().type(null).structured(),
                        "type",
                        "type: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsStructuredWithBlankType",
                        upload().type(" ").structured(),
                        "type",
                        "type: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsStructuredWithoutSpecversion",
                        upload().specversion(null).structured(),
                        "specversion",
                        "specversion: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsStructuredWithWrongSpecversion",
                        upload().specversion("1.1").structured(),
                        "specversion",
                        "specversion: must be 1.0",
                        INVALID_VALUE),
                reject(
                        "rejectsNumericSpecversion",
                        upload().specversion(null).attribute("specversion", 1.0).structured(),
                        "specversion",
                        "specversion: must be a string, was the number 1.0",
                        INVALID_VALUE),
                reject(
                        "rejectsNumericId",
                        upload().id(null).attribute("id", 17).structured(),
                        "id",
                        "id: must be a string, was the number 17",
                        INVALID_VALUE),
                reject(
                        "rejectsUnknownStructuredType",
                        upload().type("storage.file.explode").structured(),
                        "type",
                        "type: is not a type of the contract (docs/events.md)",
                        UNKNOWN_TYPE),
                reject(
                        "rejectsStructuredSourceWithWhitespace",
                        upload().source("/storage\napi").structured(),
                        "source",
                        "source: must not contain whitespace",
                        INVALID_VALUE),
                reject(
                        "rejectsBadStructuredTime",
                        upload().time("2025-13-01T00:00:00Z").structured(),
                        "time",
                        "time: must be an RFC 3339 timestamp",
                        INVALID_VALUE),
                reject(
                        "rejectsNulInStructuredId",
                        upload().id("evt\u00001").structured(),
                        "id",
                        "id: " + NUL,
                        INVALID_VALUE),

                // Content types and modes
                reject(
                        "rejectsRecordWithoutContentTypeOrCeHeaders",
                        upload().header("content-type", null).structured(),
                        "content-type",
                        UNKNOWN_MEDIA + "absent",
                        MALFORMED),
                reject(
                        "rejectsPlainJsonWithoutCeHeaders",
                        upload().header("content-type", "application/json").structured(),
                        "content-type",
                        UNKNOWN_MEDIA + "'application/json'",
                        MALFORMED),
                reject(
                        "rejectsBinaryWithNonJsonContentType",
                        upload().header("content-type", "text/plain").binary(),
                        "content-type",
                        "content-type: binary-mode data must be application/json, was 'text/plain'",
                        MALFORMED),
                reject(
                        "rejectsBinaryWithStructuredContentType",
                        upload().header("content-type", "application/cloudevents+json")
                                .binary(),
                        "content-type",
                        "content-type: binary-mode data must be application/json, was 'application/cloudevents+json'",
                        MALFORMED),
                reject(
                        "rejectsDataBase64",
                        upload().attribute("data_base64", "eyJmaWxlSWQiOiJhIn0=")
                                .structured(),
                        "data_base64",
                        "data_base64: binary data is not accepted; send data as a JSON object",
                        MALFORMED),
                reject(
                        "rejectsNonJsonDataContentType",
                        upload().attribute("datacontenttype", "application/xml").structured(),
                        "datacontenttype",
                        "datacontenttype: must be application/json, was " + "'application/xml'",
                        MALFORMED),

                // The record value
                reject(
                        "rejectsBrokenStructuredJson",
                        upload().structuredWithValue(utf8("{\"specversion\":\"1.0\",\"id\":")),
                        "value",
                        "value: malformed JSON at line 1, column 27",
                        MALFORMED),
                reject(
                        "rejectsTrailingGarbageAfterStructuredJson",
                        upload().structuredWithValue(utf8("{\"specversion\":\"1.0\"} trailing")),
                        "value",
                        "value: malformed JSON at line 1, column 23",
                        MALFORMED),
                reject(
                        "rejectsSecondJsonDocumentInValue",
                        upload().structuredWithValue(utf8("{\"specversion\":\"1.0\"}\n{}")),
                        "value",
                        "value: malformed JSON at line 2, column 1",
                        MALFORMED),
                reject(
                        "rejectsBrokenBinaryJson",
                        upload().binaryWithValue(utf8("{\n  \"fileId\": \"files/a.pdf\",\n}")),
                        "data",
                        "data: malformed JSON at line 3, column 1",
                        MALFORMED),
                reject(
                        "rejectsInvalidUtf8",
                        upload().binaryWithValue(join(
                                utf8("{\"fileId\":\"files/"), new byte[] {(byte) 0xC3, 0x28}, utf8(".pdf\"}"))),
                        "data",
                        "data: malformed JSON at line 1, column 20",
                        MALFORMED),
                reject(
                        "rejectsDuplicateKeysInEnvelope",
                        upload().structuredWithValue(utf8("{\"id\":\"1\",\"id\":\"2\"}")),
                        "value",
                        "value: malformed JSON at line 1, column 15",
                        MALFORMED),
                reject(
                        "rejectsDuplicateKeysInData",
                        upload().binaryWithValue(utf8("{\"fileId\":\"files/a.pdf\",\"fileId\":\"files/b.pdf\"}")),
                        "data",
                        "data: malformed JSON at line 1, column 33",
                        MALFORMED),
                reject(
                        "rejectsArrayAsStructuredValue",
                        upload().structuredWithValue(utf8("[1, 2]")),
                        "value",
                        "value: must be a JSON object, was an array",
                        MALFORMED),
                reject(
                        "rejectsJsonNullAsStructuredValue",
                        upload().structuredWithValue(utf8("null")),
                        "value",
                        "value: must be a JSON object, was null",
                        MALFORMED),
                reject(
                        "rejectsStringAsBinaryData",
                        upload().binaryWithValue(utf8("\"files/a.pdf\"")),
                        "data",
                        "data: must be a JSON object, was a string",
                        MALFORMED),
                reject(
                        "rejectsEmptyStructuredValue",
                        upload().structuredWithValue(new byte[0]),
                        "value",
                        "value: is empty",
                        MALFORMED),
                reject(
                        "rejectsStructuredTombstone",
                        upload().structuredWithValue(null),
                        "value",
                        "value: is empty",
                        MALFORMED),
                reject(
                        "rejectsWhitespaceStructuredValue",
                        upload().structuredWithValue(utf8(" \n ")),
                        "value",
                        "value: is empty",
                        MALFORMED),
                reject(
                        "rejectsEmptyBinaryValue",
                        upload().binaryWithValue(new byte[0]),
                        "data",
                        "data: is required (the record value)",
                        MISSING_FIELD),
                reject(
                        "rejectsBinaryTombstone",
                        upload().binaryWithValue(null),
                        "data",
                        "data: is required (the record value)",
                        MISSING_FIELD),
                reject(
                        "rejectsStructuredDataThatIsNotAnObject",
                        withEnvelope(upload(), envelope -> envelope.put("data", "{\"fileId\":\"files/a.pdf\"}")),
                        "data",
                        "data: must be a JSON object, was a string",
                        INVALID_VALUE),
                reject(
                        "rejectsStructuredEventWithoutData",
                        withEnvelope(upload(), envelope -> envelope.remove("data")),
                        "data",
                        "data: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsStructuredEventWithNullData",
                        withEnvelope(upload(), envelope -> envelope.putNull("data")),
                        "data",
                        "data: is required",
                        MISSING_FIELD),
                new Case(
                        "rejectsRecordAboveSizeLimit",
                        upload().binaryWithValue(new byte[1025]),
                        new EventContract(1024),
                        "value",
                        "value: record of 1025 bytes exceeds the limit of 1024 bytes",
                        TOO_LARGE),

                // Common data fields
                reject(
                        "rejectsUnknownStatus",
                        upload().status("done").binary(),
                        "data.status",
                        "data.status: must be one of success, failed, pending",
                        INVALID_VALUE),
                reject(
                        "rejectsMissingFileId",
                        upload().without("fileId").binary(),
                        "data.fileId",
                        "data.fileId: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsFailedEventWithoutFileId",
                        TestEvents.delete().status("failed").without("fileId").binary(),
                        "data.fileId",
                        "data.fileId: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsNumericFileId",
                        upload().data("fileId", 42).key(FILE).binary(),
                        "data.fileId",
                        "data.fileId: must be a string, was the number 42",
                        INVALID_VALUE),
                reject(
                        "rejectsBlankFileId",
                        upload().fileId("  ").structured(),
                        "data.fileId",
                        "data.fileId: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsBadUserId",
                        upload().data("userId", "not-a-uuid").binary(),
                        "data.userId",
                        "data.userId: must be a uuid",
                        INVALID_VALUE),
                reject(
                        "rejectsShortFormUserId",
                        upload().data("userId", "1-2-3-4-5").binary(),
                        "data.userId",
                        "data.userId: must be a uuid",
                        INVALID_VALUE),
                reject(
                        "rejectsLongNonUuidUserId",
                        upload().data("userId", "user:" + USER).binary(),
                        "data.userId",
                        "data.userId: must be a uuid",
                        INVALID_VALUE),
                reject(
                        "rejectsBadUserIdOfFailedEvent",
                        upload().status("failed").data("userId", 17).binary(),
                        "data.userId",
                        "data.userId: must be a string, was the number 17",
                        INVALID_VALUE),
                reject(
                        "rejectsNegativeDuration",
                        TestEvents.download().data("durationMs", -1).binary(),
                        "data.durationMs",
                        "data.durationMs: must be >= 0, was -1",
                        INVALID_VALUE),
                reject(
                        "rejectsErrorDetailsThatAreNotAnObject",
                        upload().data("errorDetails", "boom").binary(),
                        "data.errorDetails",
                        "data.errorDetails: must be a JSON object, was a string",
                        INVALID_VALUE),

                // storage.file.upload
                reject(
                        "rejectsNegativeSize",
                        upload().data("size", -5).binary(),
                        "data.size",
                        "data.size: must be >= 0, was -5",
                        INVALID_VALUE),
                reject(
                        "rejectsNegativeSizeOfFailedUpload",
                        upload().status("failed").data("size", -5).structured(),
                        "data.size",
                        "data.size: must be >= 0, was -5",
                        INVALID_VALUE),
                reject(
                        "rejectsSizeAsString",
                        upload().data("size", "5").binary(),
                        "data.size",
                        "data.size: must be an integer, was a string",
                        INVALID_VALUE),
                reject(
                        "rejectsFractionalSize",
                        upload().data("size", 1.5).binary(),
                        "data.size",
                        "data.size: must be an integer, was the number 1.5",
                        INVALID_VALUE),
                reject(
                        "rejectsSizeTooLargeForLong",
                        upload().data("size", new BigInteger("9223372036854775808"))
                                .binary(),
                        "data.size",
                        "data.size: must be at most 9223372036854775807, was " + "9223372036854775808",
                        INVALID_VALUE),
                reject(
                        "rejectsSizeTooSmallForLong",
                        upload().data("size", new BigInteger("-9223372036854775809"))
                                .binary(),
                        "data.size",
                        "data.size: must be >= 0, was -9223372036854775809",
                        INVALID_VALUE),
                reject(
                        "rejectsUploadWithoutFilename",
                        upload().without("filename").binary(),
                        "data.filename",
                        "data.filename: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsUploadWithoutMimeType",
                        upload().without("mimeType").binary(),
                        "data.mimeType",
                        "data.mimeType: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsUploadWithoutSize",
                        upload().without("size").structured(),
                        "data.size",
                        "data.size: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsUploadWithoutChecksum",
                        upload().without("checksum").binary(),
                        "data.checksum",
                        "data.checksum: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsUploadWithoutProvider",
                        upload().without("provider").binary(),
                        "data.provider",
                        "data.provider: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsUploadWithoutProviderPath",
                        upload().without("providerPath").binary(),
                        "data.providerPath",
                        "data.providerPath: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsSuccessfulUploadWithoutUserId",
                        upload().without("userId").binary(),
                        "data.userId",
                        "data.userId: is required for a successful upload (it is the owner)",
                        MISSING_FIELD),
                reject(
                        "rejectsSuccessfulShareWithoutUserId",
                        share().without("userId").structured(),
                        "data.userId",
                        "data.userId: is required for a successful share (it names the sharer)",
                        MISSING_FIELD),
                reject(
                        "rejectsSuccessfulCopyWithoutUserId",
                        TestEvents.copy().without("userId").binary(),
                        "data.userId",
                        "data.userId: is required for a successful copy (the copier owns and is "
                                + "charged for the copy)",
                        MISSING_FIELD),
                reject(
                        "rejectsUnknownClassification",
                        upload().data("dataClassification", "secret").binary(),
                        "data.dataClassification",
                        "data.dataClassification: must be one of public, internal, " + "confidential, restricted",
                        INVALID_VALUE),
                reject(
                        "rejectsEncryptedAsString",
                        upload().data("encrypted", "yes").binary(),
                        "data.encrypted",
                        "data.encrypted: must be true or false, was a string",
                        INVALID_VALUE),
                reject(
                        "rejectsTagsThatAreNotAnArray",
                        upload().data("tags", "finance,q1").binary(),
                        "data.tags",
                        "data.tags: must be an array of strings, was a string",
                        INVALID_VALUE),
                reject(
                        "rejectsTagThatIsNotAString",
                        upload().data("tags", List.of("finance", 7)).binary(),
                        "data.tags[1]",
                        "data.tags[1]: must be a non-blank string, was the number 7",
                        INVALID_VALUE),
                reject(
                        "rejectsBlankTag",
                        upload().data("tags", List.of(" ")).binary(),
                        "data.tags[0]",
                        "data.tags[0]: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsCustomMetadataThatIsNotAnObject",
                        upload().data("customMetadata", List.of("a")).binary(),
                        "data.customMetadata",
                        "data.customMetadata: must be a JSON object, was an array",
                        INVALID_VALUE),
                reject(
                        "rejectsNulInFilenameInBinaryMode",
                        upload().data("filename", "a\u0000.pdf").binary(),
                        "data.filename",
                        "data.filename: " + NUL,
                        INVALID_VALUE),
                reject(
                        "rejectsNulInFilenameInStructuredMode",
                        upload().data("filename", "a\u0000.pdf").structured(),
                        "data.filename",
                        "data.filename: " + NUL,
                        INVALID_VALUE),
                reject(
                        "rejectsNulInsideCustomMetadata",
                        upload().data(
                                        "customMetadata",
                                        Map.of("review", Map.of("notes", List.of("ok", "bad\u0000byte"))))
                                .structured(),
                        "data.customMetadata.review.notes[1]",
                        "data.customMetadata.review.notes[1]: " + NUL,
                        INVALID_VALUE),
                reject(
                        "rejectsNulInFieldName",
                        upload().data("customMetadata", Map.of("a\u0000b", 1)).binary(),
                        "data.customMetadata",
                        "data.customMetadata: has a field name that contains a NUL character (U+0000), which cannot be stored",
                        INVALID_VALUE),
                reject(
                        "rejectsFilenameThatIsAPath",
                        upload().data("filename", "../../etc/passwd").binary(),
                        "data.filename",
                        "data.filename: must be a file name, not a path",
                        INVALID_VALUE),
                reject(
                        "rejectsFilenameWithBackslash",
                        upload().data("filename", "..\\boot.ini").structured(),
                        "data.filename",
                        "data.filename: must be a file name, not a path",
                        INVALID_VALUE),
                reject(
                        "rejectsControlCharacterInFilename",
                        upload().data("filename", "a\u001b[31m.pdf").binary(),
                        "data.filename",
                        "data.filename: must not contain control characters",
                        INVALID_VALUE),
                reject(
                        "rejectsDotDotSegmentInProviderPath",
                        upload().data("providerPath", "catalog/../secrets/key").binary(),
                        "data.providerPath",
                        "data.providerPath: must not contain a '..' path segment",
                        INVALID_VALUE),
                reject(
                        "rejectsDotDotSegmentInFileId",
                        upload().fileId("files/../../etc/passwd").binary(),
                        "data.fileId",
                        "data.fileId: must not contain a '..' path segment",
                        INVALID_VALUE),
                reject(
                        "rejectsDotSegmentInCopySource",
                        TestEvents.copy().data("sourceFileId", "files/./a.pdf").binary(),
                        "data.sourceFileId",
                        "data.sourceFileId: must not contain a '.' path segment",
                        INVALID_VALUE),
                reject(
                        "rejectsPathAsMovedFilename",
                        TestEvents.move().data("filename", "a/b.pdf").structured(),
                        "data.filename",
                        "data.filename: must be a file name, not a path",
                        INVALID_VALUE),
                reject(
                        "rejectsTooLongFilename",
                        upload().data("filename", "a".repeat(1021) + ".pdf").binary(),
                        "data.filename",
                        "data.filename: must be at most 1024 bytes in UTF-8, was 1025",
                        INVALID_VALUE),

                // storage.file.share
                reject(
                        "rejectsClearPassword",
                        share().data("password", "hunter2").binary(),
                        "data.password",
                        "data.password: a clear password is not accepted; send passwordHash as an "
                                + "Argon2id or bcrypt PHC hash",
                        CLEAR_PASSWORD),
                reject(
                        "rejectsPasswordHashThatIsNotPhc",
                        share().data("passwordHash", "hunter2").binary(),
                        "data.passwordHash",
                        "data.passwordHash: a clear password is not accepted; send an Argon2id " + "or bcrypt PHC hash",
                        CLEAR_PASSWORD),
                reject(
                        "rejectsTruncatedBcryptHash",
                        share().data("passwordHash", "$2b$12$R9h/cIPz0gi.URNNX3kh2O")
                                .binary(),
                        "data.passwordHash",
                        "data.passwordHash: a clear password is not accepted; send " + "an Argon2id or bcrypt PHC hash",
                        CLEAR_PASSWORD),
                reject(
                        "rejectsSelfShare",
                        share().data("sharedWith", USER.toString()).binary(),
                        "data.sharedWith",
                        "data.sharedWith: must differ from data.userId (no self-share)",
                        INVALID_VALUE),
                reject(
                        "rejectsZeroMaxDownloads",
                        share().data("maxDownloads", 0).binary(),
                        "data.maxDownloads",
                        "data.maxDownloads: must be >= 1, was 0",
                        INVALID_VALUE),
                reject(
                        "rejectsShareIdThatIsNotUuid",
                        share().data("shareId", "share-1").binary(),
                        "data.shareId",
                        "data.shareId: must be a uuid",
                        INVALID_VALUE),
                reject(
                        "rejectsShareWithoutSharedWith",
                        share().without("sharedWith").binary(),
                        "data.sharedWith",
                        "data.sharedWith: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsBadExpiresAt",
                        share().data("expiresAt", "next week").binary(),
                        "data.expiresAt",
                        "data.expiresAt: must be an RFC 3339 timestamp",
                        INVALID_VALUE),

                // Other file operations
                reject(
                        "rejectsBlankShareIdOfDownload",
                        TestEvents.download().data("shareId", "").binary(),
                        "data.shareId",
                        "data.shareId: must not be blank",
                        INVALID_VALUE),
                reject(
                        "rejectsCopyWithoutSourceFileId",
                        TestEvents.copy().without("sourceFileId").binary(),
                        "data.sourceFileId",
                        "data.sourceFileId: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsCopyOntoItself",
                        TestEvents.copy()
                                .fileId(FILE)
                                .data("sourceFileId", FILE)
                                .binary(),
                        "data.sourceFileId",
                        "data.sourceFileId: must differ from data.fileId (a copy is a new file)",
                        INVALID_VALUE),
                reject(
                        "rejectsMoveWithoutProviderPathAndFilename",
                        TestEvents.move()
                                .without("providerPath")
                                .without("filename")
                                .binary(),
                        "data",
                        "data: a move needs providerPath or filename (or both)",
                        MISSING_FIELD),
                reject(
                        "rejectsMetadataUpdateWithEmptyChanges",
                        TestEvents.updateMetadata().data("changes", Map.of()).binary(),
                        "data.changes",
                        "data.changes: must change at least one of filename, mimeType, "
                                + "dataClassification, tags, customMetadata",
                        MISSING_FIELD),
                reject(
                        "rejectsMetadataUpdateWithoutChanges",
                        TestEvents.updateMetadata().without("changes").binary(),
                        "data.changes",
                        "data.changes: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsMetadataChangesThatAreNotAnObject",
                        TestEvents.updateMetadata()
                                .data("changes", List.of("filename"))
                                .binary(),
                        "data.changes",
                        "data.changes: must be a JSON object, was an array",
                        INVALID_VALUE),
                reject(
                        "rejectsUnknownClassificationInChanges",
                        TestEvents.updateMetadata()
                                .data("changes", Map.of("dataClassification", "top-secret"))
                                .structured(),
                        "data.changes.dataClassification",
                        "data.changes.dataClassification: must be one of public, "
                                + "internal, confidential, restricted",
                        INVALID_VALUE),
                reject(
                        "rejectsRevokeShareWithoutShareId",
                        TestEvents.revokeShare().without("shareId").binary(),
                        "data.shareId",
                        "data.shareId: is required",
                        MISSING_FIELD),

                // storage.quota.set
                reject(
                        "rejectsQuotaForTeam",
                        TestEvents.quotaSet().data("entityType", "team").binary(),
                        "data.entityType",
                        "data.entityType: must be one of user, organization, project",
                        INVALID_VALUE),
                reject(
                        "rejectsQuotaWithoutEntityId",
                        TestEvents.quotaSet().without("entityId").binary(),
                        "data.entityId",
                        "data.entityId: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsFailedQuotaWithoutEntityType",
                        TestEvents.quotaSet()
                                .status("failed")
                                .without("entityType")
                                .binary(),
                        "data.entityType",
                        "data.entityType: is required",
                        MISSING_FIELD),
                reject(
                        "rejectsZeroMaxFiles",
                        TestEvents.quotaSet().data("maxFiles", 0).binary(),
                        "data.maxFiles",
                        "data.maxFiles: must be >= 1, was 0",
                        INVALID_VALUE),
                reject(
                        "rejectsMaxFilesBeyondInt",
                        TestEvents.quotaSet().data("maxFiles", 3_000_000_000L).binary(),
                        "data.maxFiles",
                        "data.maxFiles: must be at most 2147483647, was 3000000000",
                        INVALID_VALUE),
                reject(
                        "rejectsNegativeMaxStorageBytes",
                        TestEvents.quotaSet().data("maxStorageBytes", -1).binary(),
                        "data.maxStorageBytes",
                        "data.maxStorageBytes: must be >= 1, was -1",
                        INVALID_VALUE),
                reject(
                        "rejectsQuotaWithoutMaxFileSize",
                        TestEvents.quotaSet().without("maxFileSizeBytes").binary(),
                        "data.maxFileSizeBytes",
                        "data.maxFileSizeBytes: is required",
                        MISSING_FIELD),

                // Record key and subject
                reject(
                        "rejectsRecordKeyOfAnotherFile",
                        upload().key("files/other.pdf").binary(),
                        "key",
                        "key: the record key does not match the event's key, its file or quota entity (events of one file must "
                                + "share its key to stay in order)",
                        KEY_MISMATCH),
                reject(
                        "rejectsQuotaRecordKeyWithoutEntityType",
                        TestEvents.quotaSet()
                                .data("entityType", "organization")
                                .data("entityId", "org-17")
                                .key("org-17")
                                .structured(),
                        "key",
                        "key: the record key does not match the event's key, its file or quota entity (events of one file must "
                                + "share its key to stay in order)",
                        KEY_MISMATCH),
                reject(
                        "quotesNeitherKeyInAMismatch",
                        upload().fileId("files/0123456789abcdef0123456789abcdef0123.pdf")
                                .key("files/b.pdf")
                                .binary(),
                        "key",
                        "key: the record key does not match the event's key, its file or quota entity (events of one file must "
                                + "share its key to stay in order)",
                        KEY_MISMATCH),
                reject(
                        "rejectsStructuredSubjectOfAnotherFile",
                        upload().subject("files/other.pdf").structured(),
                        "subject",
                        "subject: does not match the event's key (its file or quota entity)",
                        KEY_MISMATCH),
                reject(
                        "rejectsBinarySubjectOfAnotherFile",
                        upload().subject("files/other.pdf").binary(),
                        "ce_subject",
                        "ce_subject: does not match the event's key (its file or quota entity)",
                        KEY_MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRecords")
    void rejectsRecordNamingFieldAndReason(Case invalid) {
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> invalid.contract().parse(invalid.record(), RecordFormat.CLOUD_EVENTS))
                .satisfies(e -> {
                    assertThat(e.getMessage()).isEqualTo(invalid.message());
                    assertThat(e.field()).isEqualTo(invalid.field());
                    assertThat(e.reason()).isEqualTo(invalid.reason());
                    assertThat(e.getMessage()).isEqualTo(e.field() + ": " + e.problem());
                });
    }

    @Test
    void coversAtLeastFortyFiveInvalidRecords() {
        assertThat(invalidRecords().map(Case::name))
                .hasSizeGreaterThanOrEqualTo(45)
                .doesNotHaveDuplicates();
    }

    @Test
    void acceptsRecordOfExactlyTheSizeLimit() {
        CloudEventBuilder delete = TestEvents.delete();
        int size = delete.binary().value().length;

        assertThat(new EventContract(size).parse(delete.binary(), RecordFormat.CLOUD_EVENTS))
                .hasSize(1);
        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> new EventContract(size - 1).parse(delete.binary(), RecordFormat.CLOUD_EVENTS))
                .satisfies(e -> assertThat(e.reason()).isEqualTo(TOO_LARGE));
    }

    @Test
    void neverEchoesARejectedPasswordHash() {
        String secret = "correct horse battery staple";

        assertThatExceptionOfType(InvalidEventException.class)
                .isThrownBy(() -> new EventContract()
                        .parse(share().data("passwordHash", secret).binary(), RecordFormat.CLOUD_EVENTS))
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    }

    private static Case reject(String name, RawRecord record, String field, String message, RejectionReason reason) {
        return new Case(name, record, new EventContract(), field, message, reason);
    }

    /** A valid upload of {@link #FILE} by {@link #USER}. */
    private static CloudEventBuilder upload() {
        return TestEvents.upload().fileId(FILE).userId(USER);
    }

    /** A valid share of {@link #FILE} by {@link #USER}. */
    private static CloudEventBuilder share() {
        return TestEvents.share().fileId(FILE).userId(USER);
    }

    private static RawRecord withEnvelope(CloudEventBuilder event, java.util.function.Consumer<ObjectNode> edit) {
        ObjectNode envelope = event.structuredJson();
        edit.accept(envelope);
        return event.structuredWithValue(TestEvents.json().writeValueAsBytes(envelope));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] join(byte[]... parts) {
        byte[] joined =
                new byte[Arrays.stream(parts).mapToInt(part -> part.length).sum()];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, joined, at, part.length);
            at += part.length;
        }
        return joined;
    }
}
