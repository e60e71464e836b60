package dev.pipeguard.cli;

import dev.pipeguard.github.AuditReports;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code pipeguard merge}: joins the audit.json files of sharded audits into one summary (JSON, Markdown, HTML). */
@Command(name = "merge", mixinStandardHelpOptions = true, description = "Join sharded audit summaries (audit.json files) into one.")
final class MergeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "AUDIT_JSON")
    List<Path> summaries;

    @Option(names = "--reports", paramLabel = "DIR", defaultValue = "reports", description = "Where to write (default: ${DEFAULT-VALUE}).")
    Path reports;

    @Override
    public Integer call() throws IOException {
        for (Path p : summaries) {
            if (!Files.isRegularFile(p)) {
                throw new Main.UsageError("not a file: " + p);
            }
        }
        Files.createDirectories(reports);
        AuditReports.writeAll(AuditReports.merge(summaries), reports);
        System.err.println("pipeguard: merged " + summaries.size() + " summaries into " + reports.resolve("audit.html"));
        return Main.OK;
    }
}
