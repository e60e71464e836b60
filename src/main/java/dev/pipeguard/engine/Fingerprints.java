package dev.pipeguard.engine;

import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.SourceFile;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Stable identities for findings: a hash of the rule, the file, the text of the finding's first
 * line (whitespace collapsed) and the message, plus an occurrence count among equal hashes. Line
 * numbers are left out on purpose, so a finding keeps its identity when lines above it move.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** One fingerprint for each finding, in the same order. */
    public static List<String> of(List<Finding> findings, Repository repo) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> out = new ArrayList<>(findings.size());
        for (Finding f : findings) {
            SourceFile source = repo.sources().get(f.span().file());
            String line = source == null ? "" : source.line(f.span().start().line()).trim().replaceAll("\\s+", " ");
            String hash = sha256(f.ruleId() + "\u0000" + f.span().file() + "\u0000" + line + "\u0000"
                    + f.message() + "\u0000" + (f.logical() == null ? "" : f.logical())).substring(0, 32);
            int n = seen.merge(hash, 1, Integer::sum);
            out.add(hash + ":" + n);
        }
        return out;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
