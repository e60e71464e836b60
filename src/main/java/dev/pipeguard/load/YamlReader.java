package dev.pipeguard.load;

import dev.pipeguard.model.Position;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads one YAML 1.2 document (core schema) into a {@link YamlNode} tree with 1-based spans and
 * raw source text, resolving aliases and merge keys, within limits that stop alias bombs, deep
 * nesting and huge files. Problems are collected, never thrown.
 */
final class YamlReader {

    /** Files larger than this are refused; the biggest real workflows are well under 200 KB. */
    static final int MAX_BYTES = 4 * 1024 * 1024;
    static final int MAX_DEPTH = 256;
    /** Nodes produced after expanding aliases; a billion-laughs document blows past this at once. */
    static final int MAX_NODES = 500_000;
    static final int MAX_ALIASES = 200;

    private final String file;
    private final int[] codePoints;
    private final List<Problem> problems;
    private int produced;
    private final IdentityHashMap<Node, Boolean> inProgress = new IdentityHashMap<>();

    private YamlReader(String file, String text, List<Problem> problems) {
        this.file = file;
        this.codePoints = text.codePoints().toArray();
        this.problems = problems;
    }

    /** Parses {@code text}; returns empty (with a problem added) when it is not usable YAML. */
    static Optional<YamlNode> read(String file, String text, List<Problem> problems) {
        if (text.length() > MAX_BYTES) {
            problems.add(new Problem(Span.fileStart(file),
                    "file is larger than " + (MAX_BYTES / 1024 / 1024) + " MB; not read"));
            return Optional.empty();
        }
        LoadSettings settings = LoadSettings.builder()
                .setLabel(file)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowRecursiveKeys(false)
                .setCodePointLimit(MAX_BYTES)
                .setUseMarks(true)
                .build();
        YamlReader reader = new YamlReader(file, text, problems);
        try {
            Iterable<Node> documents = new Compose(settings).composeAllFromString(text);
            Node first = null;
            for (Node document : documents) {
                if (first == null) {
                    first = document;
                } else {
                    reader.problem(document.getStartMark(), "a workflow file holds one YAML document; this second one is ignored");
                    break;
                }
            }
            if (first == null) {
                return Optional.empty();
            }
            return Optional.ofNullable(reader.convert(first, 0));
        } catch (MarkedYamlEngineException e) {
            Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
            String message = firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
            String context = e.getContext();
            if (context != null && !context.isBlank()) {
                message = firstLine(context) + ": " + message;
            }
            problems.add(new Problem(reader.point(mark), "YAML syntax error: " + message));
        } catch (YamlEngineException e) {
            problems.add(new Problem(Span.fileStart(file), "YAML error: " + firstLine(e.getMessage())));
        } catch (StackOverflowError e) {
            problems.add(new Problem(Span.fileStart(file), "YAML nesting is too deep to read"));
        } catch (LimitExceeded e) {
            problems.add(new Problem(e.span, e.getMessage()));
        }
        return Optional.empty();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }

    private YamlNode convert(Node node, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LimitExceeded(span(node), "YAML nesting deeper than " + MAX_DEPTH + " levels");
        }
        if (++produced > MAX_NODES) {
            throw new LimitExceeded(span(node), "YAML expands to more than " + MAX_NODES
                    + " nodes (aliases repeated too often); not read");
        }
        if (inProgress.containsKey(node)) {
            throw new LimitExceeded(span(node), "recursive alias: a node contains itself");
        }
        inProgress.put(node, Boolean.TRUE);
        try {
            if (node instanceof ScalarNode s) {
                return new YamlNode.Str(scalar(s));
            }
            if (node instanceof SequenceNode s) {
                List<YamlNode> items = new ArrayList<>(s.getValue().size());
                for (Node item : s.getValue()) {
                    items.add(convert(item, depth + 1));
                }
                return new YamlNode.Seq(List.copyOf(items), span(node));
            }
            return map((MappingNode) node, depth);
        } finally {
            inProgress.remove(node);
        }
    }

    private YamlNode.Map map(MappingNode node, int depth) {
        LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        List<YamlNode.Entry> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode k)) {
                problem(keyNode.getStartMark(), "a mapping key must be a plain value, not a " + kindOf(keyNode));
                continue;
            }
            if (k.getScalarStyle() == ScalarStyle.PLAIN && "<<".equals(k.getValue())) {
                merged.addAll(mergeSources(tuple.getValueNode(), depth));
                continue;
            }
            YamlNode.Str key = new YamlNode.Str(scalar(k));
            YamlNode value = convert(tuple.getValueNode(), depth + 1);
            YamlNode.Entry previous = entries.get(key.value());
            if (previous != null) {
                Span first = previous.key().span();
                problems.add(new Problem(key.span(), "duplicate key '" + key.value() + "' (first at line "
                        + first.start().line() + ", column " + first.start().column() + ")"));
                continue;
            }
            entries.put(key.value(), new YamlNode.Entry(key, value));
        }
        // Merge keys: explicit keys win over merged ones; earlier sources win over later ones.
        for (YamlNode.Entry e : merged) {
            entries.putIfAbsent(e.name(), e);
        }
        return new YamlNode.Map(List.copyOf(entries.values()), span(node));
    }

    private List<YamlNode.Entry> mergeSources(Node value, int depth) {
        List<Node> sources = value instanceof SequenceNode s ? s.getValue() : List.of(value);
        List<YamlNode.Entry> out = new ArrayList<>();
        for (Node source : sources) {
            YamlNode converted = convert(source, depth + 1);
            if (converted instanceof YamlNode.Map m) {
                out.addAll(m.entries());
            } else {
                problem(source.getStartMark(), "a merge key ('<<') takes a mapping or a list of mappings");
            }
        }
        return out;
    }

    private static String kindOf(Node node) {
        return node instanceof SequenceNode ? "sequence" : node instanceof MappingNode ? "mapping" : "scalar";
    }

    private Scalar scalar(ScalarNode node) {
        Span full = span(node);
        String raw = slice(node);
        String trimmed = stripTrailing(raw);
        Span span = new Span(file, full.start(), advance(full.start(), trimmed));
        Tag tag = node.getTag();
        String type;
        String value = node.getValue();
        if (Tag.INT.equals(tag)) {
            type = "int";
            value = intText(value);
        } else if (Tag.FLOAT.equals(tag)) {
            type = "float";
            value = floatText(value);
        } else if (Tag.BOOL.equals(tag)) {
            type = "bool";
            value = value.toLowerCase(Locale.ROOT);
        } else if (Tag.NULL.equals(tag)) {
            type = "null";
            value = "";
        } else {
            type = "str";
        }
        return new Scalar(value, trimmed, type, style(node.getScalarStyle()), span);
    }

    private static String style(ScalarStyle style) {
        return switch (style) {
            case SINGLE_QUOTED -> "single";
            case DOUBLE_QUOTED -> "double";
            case LITERAL -> "literal";
            case FOLDED -> "folded";
            default -> "plain";
        };
    }

    /** The decimal text of a core-schema integer ({@code 0o17}, {@code 0x1F}, {@code +5}). */
    static String intText(String text) {
        String t = text.replace("_", "");
        try {
            if (t.startsWith("0o")) {
                return new BigInteger(t.substring(2), 8).toString();
            }
            if (t.startsWith("0x")) {
                return new BigInteger(t.substring(2), 16).toString();
            }
            return new BigInteger(t.startsWith("+") ? t.substring(1) : t).toString();
        } catch (NumberFormatException e) {
            return text;
        }
    }

    /** The text a JavaScript runtime (GitHub's parser) prints for a core-schema float. */
    static String floatText(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? "-Infinity" : "Infinity";
        }
        if (t.endsWith(".nan")) {
            return "NaN";
        }
        try {
            BigDecimal d = new BigDecimal(t.startsWith("+") ? t.substring(1) : t);
            double v = d.doubleValue();
            if (v == Math.rint(v) && Math.abs(v) < 1e21) {
                return new BigDecimal(v).toBigInteger().toString();
            }
            String s = Double.toString(v);
            return s.contains("E") ? s.replace("E", "e+").replace("e+-", "e-") : s;
        } catch (NumberFormatException e) {
            return text;
        }
    }

    private String slice(Node node) {
        int from = node.getStartMark().map(Mark::getIndex).orElse(0);
        int to = node.getEndMark().map(Mark::getIndex).orElse(from);
        from = Math.max(0, Math.min(from, codePoints.length));
        to = Math.max(from, Math.min(to, codePoints.length));
        return new String(codePoints, from, to - from);
    }

    private static String stripTrailing(String raw) {
        int end = raw.length();
        while (end > 0 && Character.isWhitespace(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(0, end);
    }

    /** The position just past {@code text} when it starts at {@code start}. */
    private static Position advance(Position start, String text) {
        int line = start.line();
        int column = start.column();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == '\r') {
                if (i < text.length() && text.charAt(i) == '\n') {
                    i++;
                }
                line++;
                column = 1;
            } else if (cp == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new Position(line, column);
    }

    private Span span(Node node) {
        Position start = position(node.getStartMark().orElse(null));
        Position end = position(node.getEndMark().orElse(null));
        if (end.compareTo(start) < 0) {
            end = start;
        }
        return new Span(file, start, end);
    }

    private Span point(Mark mark) {
        Position p = position(mark);
        return new Span(file, p, p);
    }

    private static Position position(Mark mark) {
        return mark == null ? new Position(1, 1) : new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    private void problem(Optional<Mark> mark, String message) {
        problems.add(new Problem(point(mark.orElse(null)), message));
    }

    /** Stops reading a document that breaks one of the limits. */
    private static final class LimitExceeded extends RuntimeException {
        final Span span;

        LimitExceeded(Span span, String message) {
            super(message, null, false, false);
            this.span = span;
        }
    }
}
