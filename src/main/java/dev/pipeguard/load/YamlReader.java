package dev.pipeguard.load;

import dev.pipeguard.model.Position;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

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
            Composer documents = reader.composer(settings, text);
            Node first = null;
            while (documents.hasNext()) {
                Node document = documents.next();
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
        } catch (LimitedParser.Exceeded e) {
            problems.add(new Problem(reader.point(e.getProblemMark().orElse(null)), e.getProblem()));
        } catch (MarkedYamlEngineException e) {
            String message = firstLine(e.getProblem() != null ? e.getProblem() : e.getMessage());
            String context = e.getContext();
            if (context != null && !context.isBlank()) {
                message = firstLine(context) + ": " + message;
            }
            problems.add(new Problem(reader.syntaxSpan(e), "YAML syntax error: " + message));
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
                return new YamlNode.Seq(List.copyOf(items), collectionSpan(s, items.stream().map(YamlNode::span).toList()));
            }
            return map((MappingNode) node, depth);
        } finally {
            inProgress.remove(node);
        }
    }

    private YamlNode.Map map(MappingNode node, int depth) {
        LinkedHashMap<String, YamlNode.Entry> entries = new LinkedHashMap<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode k)) {
                problem(keyNode.getStartMark(), "a mapping key must be a plain value, not a " + kindOf(keyNode));
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
        List<Span> parts = new ArrayList<>();
        entries.values().forEach(e -> parts.add(e.span()));
        return new YamlNode.Map(List.copyOf(entries.values()), collectionSpan(node, parts));
    }

    /**
     * snakeyaml-engine's composer resolves merge keys itself (explicit keys win, earlier sources
     * over later ones); this one also reports each {@code <<} and stops nesting past the limit.
     */
    private Composer composer(LoadSettings settings, String text) {
        LimitedParser parser = new LimitedParser(new ParserImpl(settings, new StreamReader(settings, text)), MAX_DEPTH, MAX_NODES);
        return new Composer(settings, parser) {
            @Override
            protected Node composeKeyNode(MappingNode node) {
                Node key = super.composeKeyNode(node);
                if (Tag.MERGE.equals(key.getTag())) {
                    // NOTE: the model keeps the merged keys as the author meant them, but GitHub's
                    // parser reads '<<' as an ordinary key and rejects the workflow, so say so.
                    problems.add(new Problem(span(key), "GitHub does not support YAML merge keys ('<<'); it rejects this file"));
                }
                return key;
            }
        };
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
            value = CoreScalars.intText(value);
        } else if (Tag.FLOAT.equals(tag)) {
            type = "float";
            value = CoreScalars.floatText(value);
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

    private String slice(Node node) {
        int from = contentIndex(node);
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

    /**
     * A block collection's span ends with its last written child, not at the next token (which
     * snakeyaml marks, after trailing blank lines and comments); a flow collection's ends past its
     * closing bracket. Children reached through aliases lie before the start and are ignored.
     */
    private Span collectionSpan(Node node, List<Span> children) {
        Span full = span(node);
        if (!(node instanceof SequenceNode s && s.getFlowStyle() == FlowStyle.BLOCK
                || node instanceof MappingNode m && m.getFlowStyle() == FlowStyle.BLOCK)) {
            return full;
        }
        Position end = null;
        for (Span child : children) {
            if (child.start().compareTo(full.start()) >= 0 && (end == null || child.end().compareTo(end) > 0)) {
                end = child.end();
            }
        }
        return end == null || end.compareTo(full.end()) > 0 ? full : new Span(file, full.start(), end);
    }

    /**
     * The code point index where a node's content starts: past its anchor ({@code &a}) and tag
     * ({@code !t}) properties, which snakeyaml includes in the node's start mark.
     */
    private int contentIndex(Node node) {
        int i = node.getStartMark().map(Mark::getIndex).orElse(0);
        while (i < codePoints.length && (codePoints[i] == '&' || codePoints[i] == '!')) {
            while (i < codePoints.length && !Character.isWhitespace(codePoints[i])) {
                i++;
            }
            while (i < codePoints.length && (Character.isWhitespace(codePoints[i]) || codePoints[i] == '#')) {
                if (codePoints[i] == '#') {
                    while (i < codePoints.length && codePoints[i] != '\n' && codePoints[i] != '\r') {
                        i++;
                    }
                } else {
                    i++;
                }
            }
        }
        return Math.min(i, codePoints.length);
    }

    private Span span(Node node) {
        Mark mark = node.getStartMark().orElse(null);
        Position start = position(mark);
        if (mark != null) {
            int content = contentIndex(node);
            if (content > mark.getIndex()) {
                start = advance(start, new String(codePoints, mark.getIndex(), content - mark.getIndex()));
            }
        }
        Position end = position(node.getEndMark().orElse(null));
        if (end.compareTo(start) < 0) {
            end = start;
        }
        return new Span(file, start, end);
    }

    /**
     * Where a syntax error is: its problem mark, unless the parser ran off the end of the file
     * (an unclosed quote or bracket; then from the construct it was reading to the end) or a
     * line turned out not to be a key (then that line).
     */
    private Span syntaxSpan(MarkedYamlEngineException e) {
        Mark problem = e.getProblemMark().orElse(null);
        Mark context = e.getContextMark().orElse(null);
        if (problem == null) {
            return point(context);
        }
        if (context != null && problem.getIndex() >= codePoints.length && context.getIndex() < problem.getIndex()) {
            return new Span(file, position(context), position(problem));
        }
        if (context != null && e.getContext() != null && e.getContext().contains("simple key")) {
            return point(context); // the line that is neither a key nor a value, not the one after it
        }
        return point(problem);
    }

    /** The one character at {@code mark} (nothing at a line end), so a report has a region to show. */
    private Span point(Mark mark) {
        Position p = position(mark);
        boolean character = mark != null && mark.getIndex() < codePoints.length
                && codePoints[mark.getIndex()] != '\n' && codePoints[mark.getIndex()] != '\r';
        return new Span(file, p, character ? new Position(p.line(), p.column() + 1) : p);
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
