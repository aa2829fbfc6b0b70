package io.storagecatalog.audit.append;

import io.storagecatalog.common.audit.AuditChainRepository;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Which hash chain a record's event is appended to: its partition's, modulo the chains the trail has
 * (the database's head rows, read once). Each partition's events stay in one chain, in the order the
 * partition holds them; instances that consume different partitions append to different chains and do
 * not wait for each other. Partitions that share a chain (more partitions than chains, or the same
 * number on both topics) line up behind its head.
 */
@Component
public class PartitionChains {

    private final List<Integer> chains;

    PartitionChains(AuditChainRepository chainRepository) {
        this.chains = List.copyOf(chainRepository.chains());
        if (chains.isEmpty()) {
            throw new IllegalStateException("the trail has no chain: storage_audit_chain_head is empty");
        }
    }

    /** The chain of a record from {@code partition}. */
    public int of(int partition) {
        return chains.get(Math.floorMod(partition, chains.size()));
    }
}
