package dev.pipeguard.model;

import java.util.Locale;

/** How serious a finding is; the names are SARIF's levels, ordered from least to most severe. */
public enum Severity {
    NOTE, WARNING, ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Severity parse(String text) {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
    }

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
