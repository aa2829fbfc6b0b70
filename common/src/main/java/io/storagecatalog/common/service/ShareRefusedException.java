package io.storagecatalog.common.service;

/** A share or revoke that the sharing rules refuse; the message names the rule. */
public class ShareRefusedException extends RuntimeException {

    public ShareRefusedException(String message) {
        super(message);
    }
}
