package io.storagecatalog.faults;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/** A digest of each catalog and audit table, row for row, to prove that a replay changed nothing. */
final class CatalogSnapshot {

    private static final Map<String, String> TABLES = Map.of(
            "storage_files", "SELECT md5(string_agg(t::text, '|' ORDER BY t.file_id)) FROM storage_files t",
            "storage_file_versions",
                    "SELECT md5(string_agg(t::text, '|' ORDER BY t.file_id, t.version_number)) "
                            + "FROM storage_file_versions t",
            "storage_file_shares", "SELECT md5(string_agg(t::text, '|' ORDER BY t.id)) FROM storage_file_shares t",
            "storage_quotas",
                    "SELECT md5(string_agg(t::text, '|' ORDER BY t.entity_type, t.entity_id)) "
                            + "FROM storage_quotas t",
            "storage_operations",
                    "SELECT md5(string_agg(t::text, '|' ORDER BY t.chain, t.seq)) FROM storage_operations t");

    private CatalogSnapshot() {}

    static Map<String, String> of(JdbcTemplate jdbc) {
        Map<String, String> digests = new LinkedHashMap<>();
        TABLES.forEach((table, sql) -> digests.put(table, String.valueOf(jdbc.queryForObject(sql, String.class))));
        return digests;
    }

    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        List<String> changed = new ArrayList<>();
        before.forEach((table, digest) -> {
            if (!digest.equals(after.get(table))) {
                changed.add(table + " changed by the replay");
            }
        });
        return changed;
    }
}
