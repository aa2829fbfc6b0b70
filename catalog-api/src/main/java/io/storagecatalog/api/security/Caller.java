package io.storagecatalog.api.security;

import java.util.UUID;

/**
 * Who calls: the user the token's subject names, and whether the token carries the operator scope.
 *
 * @param correlationId the caller's {@code X-Correlation-Id}, checked, or null
 */
public record Caller(UUID userId, boolean operator, String correlationId) {

    /** The user a call acts for: the caller, unless an operator names another one. */
    public UUID actingFor(UUID requested) {
        return requested == null ? userId : requested;
    }

    /** Whether this caller may see what belongs to this user. */
    public boolean mayActFor(UUID user) {
        return operator || userId.equals(user);
    }
}
