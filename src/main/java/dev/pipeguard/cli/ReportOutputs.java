package dev.pipeguard.cli;

import dev.pipeguard.engine.RunResult;
import dev.pipeguard.report.Reporter;
import dev.pipeguard.report.SourceLinks;
import dev.pipeguard.report.github.GithubReporter;
import dev.pipeguard.report.json.JsonReporter;
import dev.pipeguard.report.junit.JunitReporter;
import dev.pipeguard.report.markdown.MarkdownReporter;
import dev.pipeguard.report.sarif.SarifReporter;
import dev.pipeguard.report.text.TextReporter;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The reports one {@code check} writes: each {@code --format NAME[=FILE]} to standard output or a
 * file, and the GitHub Actions step summary when {@code GITHUB_STEP_SUMMARY} names a file.
 * At most one machine-readable report may share standard output with nothing else.
 */
final class ReportOutputs {

    /** Every format, in the order the help lists them. */
    static final List<String> FORMATS = List.of("text", "github", "json", "junit", "markdown", "sarif");

    /** Findings listed one by one in the step summary; GitHub caps a summary at 1 MiB. */
    static final int SUMMARY_ROWS = 200;

    /** One requested report: a format and its file, or null for standard output. */
    record Output(String format, Path file) {

        static Output parse(String spec) {
            int eq = spec.indexOf('=');
            String name = (eq < 0 ? spec : spec.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
            if (!FORMATS.contains(name)) {
                throw new Main.UsageError("unknown format '" + (eq < 0 ? spec : spec.substring(0, eq))
                        + "'; valid formats: " + String.join(", ", FORMATS)
                        + " (add =FILE to write one to a file, e.g. --format json=reports/pipeguard.json)");
            }
            if (eq >= 0 && spec.substring(eq + 1).isBlank()) {
                throw new Main.UsageError("--format " + spec + " names no file; write --format " + name
                        + "=FILE, or --format " + name + " for standard output");
            }
            return new Output(name, eq < 0 ? null : Path.of(spec.substring(eq + 1)));
        }
    }

    private ReportOutputs() {
    }

    /** Parses the {@code --format} values (text to standard output when there are none) and checks they can coexist. */
    static List<Output> parse(List<String> specs) {
        List<Output> outputs = new ArrayList<>();
        for (String spec : specs.isEmpty() ? List.of("text") : specs) {
            outputs.add(Output.parse(spec));
        }
        List<Output> onStdout = outputs.stream().filter(o -> o.file() == null).toList();
        boolean machine = onStdout.stream().anyMatch(o -> !o.format().equals("text") && !o.format().equals("github"));
        if (machine && onStdout.size() > 1) {
            throw new Main.UsageError("formats " + String.join(", ", onStdout.stream().map(Output::format).toList())
                    + " would all go to standard output and mix; give all but one a file, e.g. --format json=reports/pipeguard.json");
        }
        return outputs;
    }

    /** Writes every report; {@code links} place paths and links for the github and markdown formats. */
    static void write(List<Output> outputs, RunResult result, SourceLinks links, String category, boolean colour)
            throws IOException {
        for (Output o : outputs) {
            if (o.file() == null) {
                reporter(o.format(), System.out, links, category, colour && o.format().equals("text")).write(result);
                continue;
            }
            Path parent = o.file().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (OutputStream file = Files.newOutputStream(o.file());
                 PrintStream out = new PrintStream(file, false, StandardCharsets.UTF_8)) {
                reporter(o.format(), out, links, category, false).write(result);
            }
            System.err.println(o.format() + " report written to " + o.file());
        }
    }

    /** Appends the Markdown summary to {@code $GITHUB_STEP_SUMMARY} when it is set; a failure only warns. */
    static void stepSummary(Map<String, String> env, RunResult result, SourceLinks links) {
        String file = env.get("GITHUB_STEP_SUMMARY");
        if (file == null || file.isBlank()) {
            return;
        }
        try (OutputStream s = Files.newOutputStream(Path.of(file), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
             PrintStream out = new PrintStream(s, false, StandardCharsets.UTF_8)) {
            new MarkdownReporter(out, links, SUMMARY_ROWS).write(result);
        } catch (IOException | RuntimeException e) {
            System.err.println("pipeguard: cannot append the step summary to " + file + ": " + e.getMessage());
        }
    }

    /**
     * Where the checked folder sits under the GitHub workspace (else the current directory), as a
     * path prefix ({@code examples/app/}), so annotations and links point at the right file.
     */
    static String pathPrefix(Path dir, Map<String, String> env) {
        String workspace = env.get("GITHUB_WORKSPACE");
        Path root = (workspace == null || workspace.isBlank() ? Path.of("") : Path.of(workspace)).toAbsolutePath().normalize();
        Path target = dir.toAbsolutePath().normalize();
        if (!target.startsWith(root) || target.equals(root)) {
            return "";
        }
        return root.relativize(target).toString().replace('\\', '/') + "/";
    }

    private static Reporter reporter(String format, PrintStream out, SourceLinks links, String category, boolean colour) {
        return switch (format) {
            case "text" -> new TextReporter(out, colour);
            case "github" -> new GithubReporter(out, links);
            case "json" -> new JsonReporter(out);
            case "junit" -> new JunitReporter(out);
            case "markdown" -> new MarkdownReporter(out, links, Integer.MAX_VALUE);
            case "sarif" -> result -> SarifReporter.write(result, category, out);
            default -> throw new IllegalStateException("no reporter for " + format);
        };
    }
}
