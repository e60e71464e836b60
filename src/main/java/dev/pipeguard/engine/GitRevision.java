package dev.pipeguard.engine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The files of a checkout as they were at a git revision, copied into a temporary folder so the
 * same loader and engine can check them: everything under {@code .github/} at that revision plus
 * any other path asked for (local actions outside {@code .github/}). Runs the {@code git} on the
 * PATH; paths are relative to the checked folder, which may be a subfolder of the work tree.
 */
public final class GitRevision implements AutoCloseable {

    private final Path dir;

    private GitRevision(Path dir) {
        this.dir = dir;
    }

    /** The temporary folder holding the revision's files; deleted by {@link #close()}. */
    public Path dir() {
        return dir;
    }

    /** Copies {@code .github/**} and {@code extraPaths} of {@code checkout} at {@code ref}; a path missing at {@code ref} is skipped. */
    public static GitRevision checkout(Path checkout, String ref, Collection<String> extraPaths) throws IOException {
        String commit = git(checkout, "rev-parse", "--verify", "--quiet", ref + "^{commit}").strip();
        Set<String> paths = new LinkedHashSet<>();
        for (String line : git(checkout, "ls-tree", "-r", "-z", "--name-only", commit, "--", ".github").split("\u0000")) {
            if (!line.isEmpty()) {
                paths.add(line);
            }
        }
        paths.addAll(extraPaths);
        Path tmp = Files.createTempDirectory("pipeguard-rev-");
        GitRevision revision = new GitRevision(tmp);
        try {
            for (String path : paths) {
                byte[] content;
                try {
                    content = gitBytes(checkout, "show", commit + ":./" + path);
                } catch (IOException missing) {
                    continue;
                }
                Path target = tmp.resolve(path).normalize();
                if (!target.startsWith(tmp)) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                Files.write(target, content);
            }
        } catch (IOException | RuntimeException e) {
            revision.close();
            throw e;
        }
        return revision;
    }

    @Override
    public void close() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String git(Path checkout, String... args) throws IOException {
        return new String(gitBytes(checkout, args), StandardCharsets.UTF_8);
    }

    private static byte[] gitBytes(Path checkout, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", checkout.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile())).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream e = process.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // the exit status says what matters
            }
        });
        drain.start();
        byte[] out;
        try (InputStream in = process.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " took longer than 60 s");
            }
            drain.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running git", e);
        }
        if (process.exitValue() != 0) {
            String message = err.toString(StandardCharsets.UTF_8).strip();
            throw new IOException("git " + String.join(" ", args) + " failed (exit " + process.exitValue() + ")"
                    + (message.isEmpty() ? "" : ": " + message));
        }
        return out;
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
