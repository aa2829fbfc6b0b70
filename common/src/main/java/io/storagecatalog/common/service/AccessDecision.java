package io.storagecatalog.common.service;

import java.util.UUID;

/**
 * The answer of {@code checkAccess}.
 *
 * @param via the share that grants it, or null (owner, or denied)
 */
public record AccessDecision(boolean allowed, String reason, UUID via) {

    static AccessDecision allow(String reason, UUID via) {
        return new AccessDecision(true, reason, via);
    }

    static AccessDecision deny(String reason) {
        return new AccessDecision(false, reason, null);
    }
}
