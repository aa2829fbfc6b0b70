package io.storagecatalog.common.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.storagecatalog.common.catalog.ShareRow;
import io.storagecatalog.common.event.PasswordHashPolicy;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class AccessRulesTest {

    private final UUID owner = UUID.randomUUID();
    private final UUID holder = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final Instant now = Instant.parse("2026-06-01T12:00:00Z");

    private ShareRow share(
            boolean read,
            boolean write,
            boolean delete,
            boolean reshare,
            Instant expires,
            String password,
            Integer max,
            int used,
            boolean active) {
        return new ShareRow(
                UUID.randomUUID(),
                "files/x",
                owner,
                holder,
                read,
                write,
                delete,
                reshare,
                expires,
                password,
                max,
                used,
                active,
                now,
                now,
                null,
                null);
    }

    private AccessRules.Grant grant(boolean read, boolean write, Instant expires, boolean password, Integer max) {
        return new AccessRules.Grant(other, read, write, false, false, expires, password, max);
    }

    @Test
    void theOwnerMayEverythingOthersWhatTheirUsableShareGrants() {
        ShareRow readOnly = share(true, false, false, false, null, null, null, 0, true);
        for (FileAction action : FileAction.values()) {
            assertThat(AccessRules.refusal(owner, owner, null, action, now)).isNull();
            assertThat(AccessRules.refusal(owner, other, null, action, now)).isNotNull();
        }
        assertThat(AccessRules.refusal(owner, holder, readOnly, FileAction.READ, now))
                .isNull();
        assertThat(AccessRules.refusal(owner, holder, readOnly, FileAction.WRITE, now))
                .contains("does not grant write");
        assertThat(AccessRules.refusal(owner, other, readOnly, FileAction.READ, now))
                .as("another's share")
                .isNotNull();
        assertThat(AccessRules.refusal(
                        owner, holder, share(true, true, true, true, null, null, 3, 3, true), FileAction.READ, now))
                .as("used up")
                .contains("used up");
        assertThat(AccessRules.refusal(
                        owner, holder, share(true, true, true, true, now, null, null, 0, true), FileAction.READ, now))
                .as("expired now")
                .contains("expired");
        assertThat(AccessRules.refusal(
                        owner, holder, share(true, true, true, true, null, null, null, 0, false), FileAction.READ, now))
                .as("revoked")
                .contains("revoked");
    }

    @Test
    void aGrantNeverGoesBeyondTheSharersShare() {
        Instant day = now.plusSeconds(86_400);
        ShareRow delegate = share(true, false, false, true, day, "$2b$12$hash", 5, 2, true);
        assertThat(AccessRules.grantRefusal(owner, holder, delegate, grant(true, false, day, true, 3), now))
                .isNull();
        assertThat(AccessRules.grantRefusal(owner, holder, delegate, grant(true, true, day, true, 3), now))
                .contains("more rights");
        assertThat(AccessRules.grantRefusal(owner, holder, delegate, grant(true, false, null, true, 3), now))
                .contains("beyond");
        assertThat(AccessRules.grantRefusal(
                        owner, holder, delegate, grant(true, false, day.plusSeconds(1), true, 3), now))
                .contains("beyond");
        assertThat(AccessRules.grantRefusal(owner, holder, delegate, grant(true, false, day, true, 4), now))
                .contains("downloads");
        assertThat(AccessRules.grantRefusal(owner, holder, delegate, grant(true, false, day, true, null), now))
                .contains("downloads");
        assertThat(AccessRules.grantRefusal(owner, holder, delegate, grant(true, false, day, false, 3), now))
                .contains("password");
        assertThat(AccessRules.grantRefusal(
                        owner,
                        holder,
                        share(true, false, false, false, null, null, null, 0, true),
                        grant(true, false, null, false, null),
                        now))
                .contains("does not grant share");
        assertThat(AccessRules.grantRefusal(
                        owner,
                        owner,
                        null,
                        new AccessRules.Grant(owner, true, true, true, true, null, false, null),
                        now))
                .contains("themselves");
        assertThat(AccessRules.grantRefusal(owner, owner, null, grant(true, true, now, false, null), now))
                .contains("future");
        assertThat(AccessRules.grantRefusal(owner, owner, null, grant(true, true, null, false, null), now))
                .isNull();
    }

    @Test
    void onlyTheOwnerOrTheSharerRevokes() {
        ShareRow share = share(true, false, false, false, null, null, null, 0, true);
        assertThat(AccessRules.revokeRefusal(owner, owner, share)).isNull();
        assertThat(AccessRules.revokeRefusal(UUID.randomUUID(), owner, share))
                .as("the sharer")
                .isNull();
        assertThat(AccessRules.revokeRefusal(owner, holder, share)).isNotNull();
        assertThat(AccessRules.revokeRefusal(owner, null, share)).isNotNull();
    }

    @Test
    void passwordHashesWithinTheirCostBounds() {
        String salt = "$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNo";
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=19456,t=2,p=1" + salt))
                .isNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=47104,t=1,p=1" + salt))
                .isNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=262144,t=10,p=8" + salt))
                .isNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=19455,t=2,p=1" + salt))
                .isNotNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=19456,t=1,p=1" + salt))
                .isNotNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=262145,t=2,p=1" + salt))
                .isNotNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=65536,t=11,p=1" + salt))
                .isNotNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=65536,t=2,p=9" + salt))
                .isNotNull();
        assertThat(PasswordHashPolicy.problem("$argon2id$v=19$m=999999999,t=2,p=1" + salt))
                .doesNotContain("999");
        String bcrypt = "$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
        assertThat(PasswordHashPolicy.problem("$2b$10" + bcrypt)).isNull();
        assertThat(PasswordHashPolicy.problem("$2b$14" + bcrypt)).isNull();
        assertThat(PasswordHashPolicy.problem("$2b$09" + bcrypt)).isNotNull();
        assertThat(PasswordHashPolicy.problem("$2b$15" + bcrypt)).isNotNull();
        assertThat(PasswordHashPolicy.isHash("hunter2")).isFalse();
    }
}
