package dev.pipeguard.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * The JSON report's shape, field for field as {@code schemas/report.schema.json} declares it.
 * Fields are only ever added (and {@code schemaVersion} raised when one changes meaning), so
 * scripts can rely on them. Lines and columns start at 1; end columns are exclusive.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JsonReport(int schemaVersion, Tool tool, List<Rule> rules, List<Finding> findings,
                         List<Notice> notices, Summary summary) {

    public static final int SCHEMA_VERSION = 1;

    public record Tool(String name, String version) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(String id, String title, String severity, String pack, String scope, boolean requiresSettings,
                       List<String> tags, Double securitySeverity, String helpUri) {
    }

    public record Position(int line, int column) {
    }

    /** A file region: {@code span} is the same place written as {@code path:line:col-line:col}. */
    public record Location(String file, Position start, Position end, String span) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Related(Location location, String message) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Finding(String ruleId, String severity, String message, Location location, String logical,
                          List<Related> related, String fingerprint) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Notice(String kind, String ruleId, String message, Location location) {
    }

    public record Summary(int findings, int errors, int warnings, int notes, int notEvaluated, int inputErrors,
                          int ruleErrors, int rules, int workflows) {
    }
}
