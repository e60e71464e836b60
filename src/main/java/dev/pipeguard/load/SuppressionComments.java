package dev.pipeguard.load;

import dev.pipeguard.model.Position;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Suppression;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.tokens.CommentToken;
import org.snakeyaml.engine.v2.tokens.ScalarToken;
import org.snakeyaml.engine.v2.tokens.Token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@code # pipeguard: ignore[rule-id, ...] reason} comments of a YAML file. A comment
 * is what the YAML scanner says is one, so a {@code #} inside a quoted or plain string never
 * counts; inside a block scalar ({@code run: |}) a whole line that starts with {@code #} counts
 * too, because it is a comment of the script and no YAML comment can be put on a script's line.
 */
public final class SuppressionComments {

    private static final Pattern DIRECTIVE = Pattern.compile("^pipeguard\\s*:(.*)$", Pattern.DOTALL);
    private static final Pattern IGNORE = Pattern.compile("^\\s*ignore\\s*\\[([^\\]]*)\\](.*)$", Pattern.DOTALL);
    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9][a-z0-9._/-]*");
    /** Punctuation people put between the ids and the reason ("ignore[x]: because", "ignore[x] -- because"). */
    private static final Pattern REASON_LEAD = Pattern.compile("^[\\s:;,.\\-\u2013\u2014]+");

    private SuppressionComments() {
    }

    /** Every pipeguard comment of {@code source}, in line order; empty for files that are not YAML. */
    public static List<Suppression> of(SourceFile source) {
        String path = source.path();
        if (!(path.endsWith(".yml") || path.endsWith(".yaml")) || !source.text().contains("pipeguard")) {
            return List.of();
        }
        // Comment start (0-based line -> 0-based code point column), YAML comments and script comments alike.
        TreeMap<Integer, Integer> comments = new TreeMap<>();
        List<int[]> blockScalars = new ArrayList<>();
        LoadSettings settings = LoadSettings.builder().setParseComments(true).build();
        ScannerImpl scanner = new ScannerImpl(settings, new StreamReader(settings, source.text()));
        try {
            while (scanner.hasNext()) {
                Token t = scanner.next();
                if (t instanceof CommentToken c && c.getStartMark().isPresent()) {
                    comments.put(c.getStartMark().get().getLine(), c.getStartMark().get().getColumn());
                } else if (t instanceof ScalarToken s && (s.getStyle() == ScalarStyle.LITERAL || s.getStyle() == ScalarStyle.FOLDED)
                        && s.getStartMark().isPresent() && s.getEndMark().isPresent()) {
                    blockScalars.add(new int[] {s.getStartMark().get().getLine() + 1, s.getEndMark().get().getLine()});
                }
            }
        } catch (YamlEngineException e) {
            // NOTE: a file the scanner rejects is reported by the loader; the comments before the error still count.
        }
        for (int[] range : blockScalars) {
            for (int line = range[0]; line <= range[1] && line < source.lines().size(); line++) {
                String text = source.lines().get(line);
                String stripped = text.stripLeading();
                if (stripped.startsWith("#") && !comments.containsKey(line)) {
                    comments.put(line, text.codePointCount(0, text.length() - stripped.length()));
                }
            }
        }
        List<Suppression> out = new ArrayList<>();
        comments.forEach((line, column) -> {
            String text = source.lines().get(line);
            int at = text.offsetByCodePoints(0, column);
            if (at >= text.length() || text.charAt(at) != '#') {
                return;
            }
            Matcher directive = DIRECTIVE.matcher(text.substring(at + 1).strip());
            if (directive.matches()) {
                Span span = new Span(path, new Position(line + 1, column + 1),
                        new Position(line + 1, text.codePointCount(0, text.length()) + 1));
                out.add(parse(span, directive.group(1), lines(source, line, text.substring(0, at).isBlank())));
            }
        });
        return out;
    }

    private static Suppression parse(Span span, String body, List<Integer> lines) {
        Matcher m = IGNORE.matcher(body);
        if (!m.matches()) {
            return new Suppression(span, List.of(), "", lines,
                    "a pipeguard comment reads '# pipeguard: ignore[rule-id] reason'");
        }
        List<String> ids = Arrays.stream(m.group(1).split(",", -1)).map(String::strip).toList();
        String reason = REASON_LEAD.matcher(m.group(2)).replaceFirst("").strip();
        if (ids.contains("*")) {
            return new Suppression(span, List.of(), reason, lines,
                    "ignore[*] is not allowed: name the rule ids this line is exempt from, so a new rule still sees it");
        }
        for (String id : ids) {
            if (!RULE_ID.matcher(id).matches()) {
                return new Suppression(span, List.of(), reason, lines, id.isEmpty()
                        ? "empty rule id in ignore[...]: list rule ids separated by commas"
                        : "'" + id + "' is not a rule id (ids are lower-case kebab-case, e.g. unpinned-uses)");
            }
        }
        return new Suppression(span, ids, reason, lines, null);
    }

    /** The comment's own line, and when it stands alone, the next line below its run of comment lines (1-based). */
    private static List<Integer> lines(SourceFile source, int line, boolean alone) {
        if (!alone) {
            return List.of(line + 1);
        }
        int next = line + 1;
        while (next < source.lines().size() && source.lines().get(next).stripLeading().startsWith("#")) {
            next++;
        }
        return next < source.lines().size() ? List.of(line + 1, next + 1) : List.of(line + 1);
    }
}
