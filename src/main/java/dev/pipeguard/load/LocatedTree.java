package dev.pipeguard.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pipeguard.model.Position;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Span;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON or YAML configuration file (policy, config, settings) read with Jackson into a
 * {@link JsonNode}, plus the span of every value and key by JSON Pointer, so that a mistake found
 * later (by a schema or a compiler) is reported at its own {@code file:line:col}.
 */
public final class LocatedTree {

    private static final JsonFactory JSON = new JsonFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final JsonFactory YAML = new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final String file;
    private final JsonNode root;
    private final Map<String, Span> values;
    private final Map<String, Span> keys;
    private final List<String> lines;

    private LocatedTree(String file, JsonNode root, Map<String, Span> values, Map<String, Span> keys, List<String> lines) {
        this.file = file;
        this.root = root;
        this.values = values;
        this.keys = keys;
        this.lines = lines;
    }

    /** Reads {@code text}, as JSON when the file name ends in {@code .json}, else as YAML. */
    public static Optional<LocatedTree> read(String file, String text, List<Problem> problems) {
        JsonFactory factory = file.endsWith(".json") ? JSON : YAML;
        Map<String, Span> values = new HashMap<>();
        Map<String, Span> keys = new HashMap<>();
        try (JsonParser p = factory.createParser(WorkflowParser.withoutBom(text))) {
            JsonToken first = p.nextToken();
            if (first == null) {
                problems.add(new Problem(Span.fileStart(file), "file is empty"));
                return Optional.empty();
            }
            JsonNode root = new Builder(file, p, values, keys).value(JsonPointer.empty());
            return Optional.of(new LocatedTree(file, root, values, keys, WorkflowParser.withoutBom(text).lines().toList()));
        } catch (JsonProcessingException e) {
            problems.add(new Problem(span(file, e.getLocation()), "cannot parse: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(file), "cannot read: " + e.getMessage()));
        }
        return Optional.empty();
    }

    public String file() {
        return file;
    }

    public JsonNode root() {
        return root;
    }

    /** The span of the value at {@code pointer}, or of its nearest located parent. */
    public Span valueSpan(String pointer) {
        String p = pointer;
        while (true) {
            Span s = values.get(p);
            if (s != null) {
                return s;
            }
            if (p.isEmpty()) {
                return Span.fileStart(file);
            }
            p = p.substring(0, Math.max(0, p.lastIndexOf('/')));
        }
    }

    /**
     * Where the text of the string at {@code pointer} begins: after an opening quote, or on the
     * first content line of a block scalar ({@code |} or {@code >}), so that an offset inside the
     * string maps to a column of the file. {@code blockIndent} is true for block scalars.
     */
    public Position contentStart(String pointer) {
        Position start = valueSpan(pointer).start();
        String line = start.line() <= lines.size() ? lines.get(start.line() - 1) : "";
        int i = start.column() - 1;
        char c = i < line.length() ? line.charAt(i) : ' ';
        if (c == '"' || c == '\'') {
            return new Position(start.line(), start.column() + 1);
        }
        if ((c == '|' || c == '>') && start.line() < lines.size()) {
            String next = lines.get(start.line());
            int indent = 0;
            while (indent < next.length() && next.charAt(indent) == ' ') {
                indent++;
            }
            return new Position(start.line() + 1, indent + 1);
        }
        return start;
    }

    /** The span of the key naming the value at {@code pointer}, else the value's span. */
    public Span keySpan(String pointer) {
        Span s = keys.get(pointer);
        return s != null ? s : valueSpan(pointer);
    }

    private static Span span(String file, JsonLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return Span.fileStart(file);
        }
        Position p = new Position(loc.getLineNr(), Math.max(1, loc.getColumnNr()));
        return new Span(file, p, p);
    }

    /** Builds the tree token by token, recording where each value and key starts. */
    private record Builder(String file, JsonParser p, Map<String, Span> values, Map<String, Span> keys) {

        JsonNode value(JsonPointer at) throws IOException {
            JsonToken t = p.currentToken();
            Span here = span(file, p.currentTokenLocation());
            JsonNodeFactory f = JsonNodeFactory.instance;
            JsonNode node;
            switch (t) {
                case START_OBJECT -> {
                    ObjectNode o = f.objectNode();
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName();
                        JsonPointer child = at.appendProperty(name);
                        Span k = span(file, p.currentTokenLocation());
                        keys.put(child.toString(), new Span(file, k.start(),
                                new Position(k.start().line(), k.start().column() + name.length())));
                        p.nextToken();
                        o.set(name, value(child));
                    }
                    node = o;
                }
                case START_ARRAY -> {
                    ArrayNode a = f.arrayNode();
                    int i = 0;
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        a.add(value(at.appendIndex(i++)));
                    }
                    node = a;
                }
                case VALUE_STRING -> {
                    if (p instanceof com.fasterxml.jackson.dataformat.yaml.YAMLParser y && y.isCurrentAlias()) {
                        throw new JsonParseException(p, "YAML aliases (*" + p.getText()
                                + ") are not supported in policy, config and settings files; repeat the value");
                    }
                    node = f.textNode(p.getText());
                }
                case VALUE_NUMBER_INT -> node = f.numberNode(p.getBigIntegerValue());
                case VALUE_NUMBER_FLOAT -> node = f.numberNode(p.getDecimalValue());
                case VALUE_TRUE, VALUE_FALSE -> node = f.booleanNode(p.getBooleanValue());
                case VALUE_NULL -> node = f.nullNode();
                default -> throw new JsonParseException(p, "unexpected " + t);
            }
            if (node.isValueNode()) {
                String text = p.getText() == null ? "" : p.getText();
                int width = text.contains("\n") ? 0 : text.length();
                here = new Span(file, here.start(), new Position(here.start().line(), here.start().column() + width));
            }
            values.put(at.toString(), here);
            return node;
        }
    }
}
