package io.storagecatalog.common.kafka;

import io.storagecatalog.common.event.EventContract;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The event contract's one setting, shared by every worker: a record one worker accepts, the other
 * accepts too.
 *
 * @param maxRecordSize largest record value accepted; larger ones are invalid ({@code too_large})
 */
@ConfigurationProperties("storage-catalog.contract")
record ContractProperties(@DefaultValue("1MB") DataSize maxRecordSize) {

    public EventContract contract() {
        long bytes = maxRecordSize.toBytes();
        if (bytes <= 0 || bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("storage-catalog.contract.max-record-size: must be between 1 byte "
                    + "and 2 GB, was " + maxRecordSize);
        }
        return new EventContract((int) bytes);
    }
}
