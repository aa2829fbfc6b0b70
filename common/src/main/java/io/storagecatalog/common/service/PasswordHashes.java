package io.storagecatalog.common.service;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Share passwords: hashed with Argon2id on the way in; Argon2id or bcrypt PHC strings verified (the
 * encoders compare in constant time). A clear password is never stored, logged or published.
 */
final class PasswordHashes {

    private final Argon2PasswordEncoder argon2 = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
    private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

    String hash(String password) {
        return argon2.encode(password);
    }

    boolean matches(String password, String hash) {
        if (password == null || hash == null) {
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
