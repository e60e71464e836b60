package dev.pipeguard.github;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A persistent cache of GET responses keyed by URL: ETag, the headers that matter for a replay
 * (Link for pagination) and the body, one JSON file an entry, written atomically. It never stores
 * request headers, so the token never reaches the disk. A null directory disables it.
 */
final class EtagCache {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Entry(String etag, Map<String, String> headers, String body) {
    }

    private final Path dir;

    EtagCache(Path dir) {
        this.dir = dir;
    }

    Entry get(String url) {
        if (dir == null) {
            return null;
        }
        Path file = file(url);
        try {
            return Files.isRegularFile(file) ? JSON.readValue(file.toFile(), Entry.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void put(String url, Entry entry) {
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path file = file(url);
            Path tmp = Files.createTempFile(dir, "entry", ".tmp");
            JSON.writeValue(tmp.toFile(), entry);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            // NOTE: a cache that cannot be written only costs rate limit later; the audit goes on.
        }
    }

    private Path file(String url) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return dir.resolve(HexFormat.of().formatHex(digest) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
