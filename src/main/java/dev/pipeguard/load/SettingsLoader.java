package dev.pipeguard.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipeguard.model.BranchProtection;
import dev.pipeguard.model.Environment;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RepositorySettings;
import dev.pipeguard.model.Secrets;
import dev.pipeguard.model.Span;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a repository settings snapshot (JSON or YAML, shaped by
 * {@code schemas/repository-settings.schema.json}) into {@link RepositorySettings}. An absent or
 * null field stays null (unknown); a file that breaks the schema yields located problems and no
 * settings.
 */
public final class SettingsLoader {

    private static final SchemaCheck SCHEMA = SchemaCheck.load("repository-settings.schema.json");

    private SettingsLoader() {
    }

    /**
     * Loads {@code file}; problems are reported against {@code shownAs}, which also becomes
     * {@link RepositorySettings#source()}. Empty when the file cannot be read, parsed or validated.
     */
    public static Optional<RepositorySettings> load(Path file, String shownAs, List<Problem> problems) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            problems.add(new Problem(Span.fileStart(shownAs), "cannot read settings: no such file"));
            return Optional.empty();
        } catch (CharacterCodingException e) {
            problems.add(new Problem(Span.fileStart(shownAs), "cannot read settings: not UTF-8 text"));
            return Optional.empty();
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(shownAs), "cannot read settings: " + e.getMessage()));
            return Optional.empty();
        }
        return parse(shownAs, text, problems);
    }

    /**
     * Loads settings from {@code text}: JSON when {@code shownAs} ends in {@code .json}, else YAML.
     */
    public static Optional<RepositorySettings> parse(String shownAs, String text, List<Problem> problems) {
        Optional<LocatedTree> read = LocatedTree.read(shownAs, text, problems);
        if (read.isEmpty()) {
            return Optional.empty();
        }
        List<Problem> invalid = SCHEMA.validate(read.get());
        if (!invalid.isEmpty()) {
            // NOTE: a snapshot with any schema error is dropped whole: a half-read snapshot could
            // make a rule report "unprotected" where the file meant something else.
            problems.addAll(invalid);
            return Optional.empty();
        }
        JsonNode root = read.get().root();
        return Optional.of(new RepositorySettings(shownAs,
                text(root, "repository"),
                text(root, "default_branch"),
                map(root.get("branches"), SettingsLoader::branch),
                map(root.get("environments"), SettingsLoader::environment),
                secrets(root.get("secrets")),
                text(root, "default_workflow_permissions"),
                text(root, "visibility")));
    }

    private static BranchProtection branch(JsonNode b) {
        return new BranchProtection(
                flag(b, "protected"),
                text(b, "source"),
                names(b.get("required_status_checks")),
                integer(b, "required_approving_review_count"),
                flag(b, "dismiss_stale_reviews"),
                flag(b, "require_code_owner_reviews"),
                flag(b, "enforce_admins"),
                flag(b, "allow_force_pushes"),
                flag(b, "allow_deletions"),
                flag(b, "required_linear_history"),
                flag(b, "required_signatures"));
    }

    private static Environment environment(JsonNode e) {
        List<String> reviewers = names(e.get("required_reviewers"));
        Integer count = integer(e, "required_reviewer_count");
        if (count == null && reviewers != null) {
            count = reviewers.size();
        }
        return new Environment(reviewers, count, integer(e, "wait_timer"),
                text(e, "deployment_branch_policy"), names(e.get("deployment_branch_patterns")),
                flag(e, "prevent_self_review"));
    }

    private static Secrets secrets(JsonNode s) {
        if (absent(s)) {
            return null;
        }
        return new Secrets(names(s.get("repository")), names(s.get("organization")),
                map(s.get("environments"), SettingsLoader::names));
    }

    /** An object's entries in file order, each value mapped; null when the object is unknown. */
    private static <T> Map<String, T> map(JsonNode object, Function<JsonNode, T> value) {
        if (absent(object)) {
            return null;
        }
        Map<String, T> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), value.apply(e.getValue())));
        return Collections.unmodifiableMap(out);
    }

    private static List<String> names(JsonNode array) {
        if (absent(array)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }

    private static String text(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return absent(n) ? null : n.asText();
    }

    private static Boolean flag(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return absent(n) ? null : n.booleanValue();
    }

    /** The schema bounds every integer field well inside {@code int}. */
    private static Integer integer(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        return absent(n) ? null : n.intValue();
    }

    private static boolean absent(JsonNode n) {
        return n == null || n.isNull();
    }
}
