package io.storagecatalog.common.service;

import io.storagecatalog.common.event.PasswordHashPolicy;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Share passwords: hashed with Argon2id on the way in (OWASP's parameters: 19 MiB, 2 passes, one
 * lane); Argon2id or bcrypt PHC strings verified (the encoders compare in constant time) when their
 * parameters are within {@link PasswordHashPolicy}, so no stored hash sets an unbounded cost. A clear
 * password is never stored, logged or published.
 */
final class PasswordHashes {

    private final Argon2PasswordEncoder argon2 =
            new Argon2PasswordEncoder(16, 32, 1, PasswordHashPolicy.ARGON2_MIN_MEMORY_KIB, 2);
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    String hash(String password) {
        return argon2.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password == null
                || hash == null
                || !PasswordHashPolicy.isHash(hash)
                || PasswordHashPolicy.problem(hash) != null) {
            return false;
        }
        if (hash.startsWith("$argon2id$")) {
            return argon2.matches(password, hash);
        }
        if (hash.startsWith("$2")) {
            return bcrypt.matches(password, hash);
        }
        return false;
    }
}
