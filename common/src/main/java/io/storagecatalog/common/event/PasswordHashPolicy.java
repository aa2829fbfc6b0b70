package io.storagecatalog.common.event;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The share password hashes the catalog accepts: a hash's parameters set the cost of every later check,
 * so they must be strong enough (OWASP's guidance for Argon2id: 19 MiB and 2 passes, or 46 MiB and one)
 * and bounded (a check may take at most 256 MiB and 10 passes; bcrypt costs 10 to 14).
 */
public final class PasswordHashPolicy {

    public static final int ARGON2_MIN_MEMORY_KIB = 19_456;
    public static final int ARGON2_ONE_PASS_MIN_MEMORY_KIB = 47_104;
    public static final int ARGON2_MAX_MEMORY_KIB = 262_144;
    public static final int ARGON2_MAX_PASSES = 10;
    public static final int ARGON2_MAX_PARALLELISM = 8;
    public static final int BCRYPT_MIN_COST = 10;
    public static final int BCRYPT_MAX_COST = 14;

    private static final Pattern ARGON2ID = Pattern.compile(
            "^\\$argon2id\\$v=19\\$m=(\\d{1,10}),t=(\\d{1,10}),p=(\\d{1,10})\\$[A-Za-z0-9+/]+={0,2}\\$[A-Za-z0-9+/]+={0,2}$");
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]\\$(\\d{2})\\$[./A-Za-z0-9]{53}$");

    private PasswordHashPolicy() {}

    /** @return null for an accepted hash; otherwise the problem, which never quotes the value */
    public static String problem(String hash) {
        Matcher argon2 = ARGON2ID.matcher(hash);
        if (argon2.matches()) {
            long memory = Long.parseLong(argon2.group(1));
            long passes = Long.parseLong(argon2.group(2));
            long parallelism = Long.parseLong(argon2.group(3));
            boolean strong = memory >= ARGON2_MIN_MEMORY_KIB && passes >= 2
                    || memory >= ARGON2_ONE_PASS_MIN_MEMORY_KIB && passes >= 1;
            boolean bounded = memory <= ARGON2_MAX_MEMORY_KIB
                    && passes <= ARGON2_MAX_PASSES
                    && parallelism >= 1
                    && parallelism <= ARGON2_MAX_PARALLELISM;
            return strong && bounded
                    ? null
                    : "Argon2id parameters outside the accepted range (m from "
                            + ARGON2_MIN_MEMORY_KIB + " KiB with t >= 2, or from " + ARGON2_ONE_PASS_MIN_MEMORY_KIB
                            + " KiB with t >= 1; m at most " + ARGON2_MAX_MEMORY_KIB + " KiB, t at most "
                            + ARGON2_MAX_PASSES
                            + ", p 1 to " + ARGON2_MAX_PARALLELISM + ")";
        }
        Matcher bcrypt = BCRYPT.matcher(hash);
        if (bcrypt.matches()) {
            int cost = Integer.parseInt(bcrypt.group(1));
            return cost >= BCRYPT_MIN_COST && cost <= BCRYPT_MAX_COST
                    ? null
                    : "bcrypt cost outside the accepted range (" + BCRYPT_MIN_COST + " to " + BCRYPT_MAX_COST + ")";
        }
        return null;
    }

    /** Whether the value has the shape of an Argon2id (version 19) or bcrypt PHC hash at all. */
    public static boolean isHash(String value) {
        return ARGON2ID.matcher(value).matches() || BCRYPT.matcher(value).matches();
    }
}
