package io.pairstream.curator.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Decides which configuration values are secrets and hides them, so that no log line, error or
 * configuration dump shows a password, a JAAS configuration, registry credentials or a private key.
 */
public final class Secrets {

    public static final String HIDDEN = "[hidden]";

    /** {@code user:password@} in a URL such as a registry URL with credentials in it. */
    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]+@");

    private Secrets() {
    }

    /** Whether the value of {@code key} (with or without a {@code kafka.} or {@code schema.registry.} prefix) is a secret. */
    public static boolean isSecret(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        return name.endsWith("sasl.jaas.config")
                || name.endsWith("basic.auth.user.info")
                || name.endsWith("password")
                || name.endsWith("secret")
                || name.endsWith("ssl.keystore.key");
    }

    /** The value as it may be shown: hidden for secrets, with URL credentials hidden otherwise. */
    public static String mask(String key, String value) {
        if (value == null) {
            return null;
        }
        return isSecret(key) ? HIDDEN : URL_USER_INFO.matcher(value).replaceAll(HIDDEN + "@");
    }
}
