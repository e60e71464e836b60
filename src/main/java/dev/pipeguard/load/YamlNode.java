package dev.pipeguard.load;

import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;

import java.util.ArrayList;
import java.util.List;

/** A YAML node with its span, after aliases and merge keys are resolved; the loader's only tree. */
sealed interface YamlNode permits YamlNode.Map, YamlNode.Seq, YamlNode.Str {

    Span span();

    /** The node's YAML kind for messages: mapping, sequence or scalar. */
    String kind();

    /** Where a problem with this node's shape goes: all of it on one line, else its first character. */
    default Span problemSpan() {
        Span s = span();
        return s.start().line() == s.end().line() ? s : new Span(s.file(), s.start(), s.start());
    }

    /** Written with a value: absent keys and YAML nulls ({@code key:} alone) are not. */
    static boolean present(YamlNode node) {
        return node != null && !(node instanceof Str s && "null".equals(s.scalar().type()));
    }

    /** A scalar; {@code scalar.value()} is what GitHub reads, {@code scalar.raw()} what was written. */
    record Str(Scalar scalar) implements YamlNode {
        public Span span() {
            return scalar.span();
        }

        public String kind() {
            return "scalar";
        }

        public String value() {
            return scalar.value();
        }
    }

    record Seq(List<YamlNode> items, Span span) implements YamlNode {
        public String kind() {
            return "sequence";
        }
    }

    /** One key and its value; keys are scalars (complex keys are rejected while loading). */
    record Entry(Str key, YamlNode value) {
        public String name() {
            return key.value();
        }

        /** From the key's start to the value's end: the whole {@code key: value} entry. */
        public Span span() {
            Span k = key.span();
            Span v = value.span();
            return k.file().equals(v.file()) && v.end().compareTo(k.start()) >= 0 ? k.union(v) : k;
        }
    }

    record Map(List<Entry> entries, Span span) implements YamlNode {
        public String kind() {
            return "mapping";
        }

        public Entry entry(String name) {
            for (Entry e : entries) {
                if (name.equals(e.name())) {
                    return e;
                }
            }
            return null;
        }

        public YamlNode get(String name) {
            Entry e = entry(name);
            return e == null ? null : e.value();
        }

        public List<String> keys() {
            List<String> keys = new ArrayList<>();
            entries.forEach(e -> keys.add(e.name()));
            return keys;
        }
    }
}
