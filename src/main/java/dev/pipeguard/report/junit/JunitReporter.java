package dev.pipeguard.report.junit;

import dev.pipeguard.engine.RunResult;
import dev.pipeguard.model.Finding;
import dev.pipeguard.model.Notice;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.report.Reporter;
import dev.pipeguard.report.ToolVersion;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run as JUnit XML for CI systems that read test reports: one {@code testsuite}, one
 * {@code testcase} per policy that ran (class name {@code pipeguard.<pack>}), a {@code failure}
 * per finding (type is the severity), a {@code skipped} for a policy not evaluated, an
 * {@code error} for a policy that failed, and an {@code input} test case with an {@code error} per
 * file that could not be read. Valid against the Jenkins/Ant {@code junit-10.xsd} layout.
 */
public final class JunitReporter implements Reporter {

    private final OutputStream out;

    public JunitReporter(OutputStream out) {
        this.out = out;
    }

    private record Case(String name, String classname, List<Finding> failures, List<Notice> errors, List<Notice> skipped) {
        Case(String name, String classname) {
            this(name, classname, new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        }
    }

    @Override
    public void write(RunResult result) throws IOException {
        Map<String, Case> cases = new LinkedHashMap<>();
        for (RuleInfo r : result.rules()) {
            cases.put(r.id(), new Case(r.id(), "pipeguard." + r.pack()));
        }
        for (Finding f : result.findings()) {
            cases.computeIfAbsent(f.ruleId(), id -> new Case(id, "pipeguard")).failures().add(f);
        }
        Case input = new Case("input", "pipeguard");
        for (Notice n : result.notices()) {
            switch (n.kind()) {
                case INPUT_ERROR -> input.errors().add(n);
                case RULE_ERROR -> cases.computeIfAbsent(n.ruleId(), id -> new Case(id, "pipeguard")).errors().add(n);
                case NOT_EVALUATED -> cases.computeIfAbsent(n.ruleId(), id -> new Case(id, "pipeguard")).skipped().add(n);
            }
        }
        if (!input.errors().isEmpty()) {
            cases.put("(input)", input);
        }
        int failures = 0;
        int errors = 0;
        int skipped = 0;
        for (Case c : cases.values()) {
            if (!c.errors().isEmpty()) {
                errors++;
            } else if (!c.failures().isEmpty()) {
                failures++;
            } else if (!c.skipped().isEmpty()) {
                skipped++;
            }
        }
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        try {
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            nl(x, 0);
            x.writeStartElement("testsuites");
            x.writeAttribute("name", "pipeguard");
            x.writeAttribute("tests", String.valueOf(cases.size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", String.valueOf(errors));
            nl(x, 1);
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "pipeguard");
            x.writeAttribute("tests", String.valueOf(cases.size()));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", String.valueOf(errors));
            x.writeAttribute("skipped", String.valueOf(skipped));
            nl(x, 2);
            x.writeStartElement("properties");
            property(x, "pipeguard.version", ToolVersion.get());
            property(x, "workflows", String.valueOf(result.repository().workflows().size()));
            nl(x, 2);
            x.writeEndElement();
            for (Case c : cases.values()) {
                testcase(x, c, result.repository().sources());
            }
            nl(x, 1);
            x.writeEndElement();
            nl(x, 0);
            x.writeEndElement();
            nl(x, -1);
            x.writeEndDocument();
            x.flush();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML: " + e.getMessage(), e);
        }
    }

    private static void testcase(XMLStreamWriter x, Case c, Map<String, SourceFile> sources) throws XMLStreamException {
        nl(x, 2);
        boolean empty = c.failures().isEmpty() && c.errors().isEmpty() && c.skipped().isEmpty();
        if (empty) {
            x.writeEmptyElement("testcase");
        } else {
            x.writeStartElement("testcase");
        }
        x.writeAttribute("name", c.name());
        x.writeAttribute("classname", c.classname());
        if (empty) {
            return;
        }
        for (Notice n : c.skipped()) {
            nl(x, 3);
            x.writeEmptyElement("skipped");
            // NOTE: a policy's notice already starts with "not evaluated: "; a Java rule's may not.
            String message = n.message().startsWith("not evaluated: ") ? n.message() : "not evaluated: " + n.message();
            x.writeAttribute("message", clean(message));
        }
        for (Notice n : c.errors()) {
            nl(x, 3);
            x.writeStartElement("error");
            String where = n.span() == null ? "" : n.span().file() + ":" + n.span().start() + ": ";
            x.writeAttribute("type", n.kind() == Notice.Kind.INPUT_ERROR ? "input-error" : "rule-error");
            x.writeAttribute("message", clean(where + n.message()));
            x.writeCharacters(clean(n.span() == null ? n.message() : n.span() + ": " + n.message()));
            x.writeEndElement();
        }
        for (Finding f : c.failures()) {
            nl(x, 3);
            x.writeStartElement("failure");
            x.writeAttribute("type", f.severity().id());
            x.writeAttribute("message", clean(f.span().file() + ":" + f.span().start() + ": " + f.message()));
            StringBuilder body = new StringBuilder();
            body.append(f.span()).append(": ").append(f.severity().id()).append(" [").append(f.ruleId()).append("] ")
                    .append(f.message());
            SourceFile source = sources.get(f.span().file());
            if (source != null && !source.line(f.span().start().line()).isBlank()) {
                body.append("\n  ").append(source.line(f.span().start().line()).strip());
            }
            for (Finding.Related r : f.related()) {
                body.append("\n  related: ").append(r.span()).append(": ").append(r.message());
            }
            x.writeCharacters(clean(body.toString()));
            x.writeEndElement();
        }
        nl(x, 2);
        x.writeEndElement();
    }

    private static void property(XMLStreamWriter x, String name, String value) throws XMLStreamException {
        nl(x, 3);
        x.writeEmptyElement("property");
        x.writeAttribute("name", name);
        x.writeAttribute("value", clean(value));
    }

    /** A line break and indentation, so the file diffs well ({@code depth} -1: just the final newline). */
    private static void nl(XMLStreamWriter x, int depth) throws XMLStreamException {
        x.writeCharacters("\n" + "  ".repeat(Math.max(depth, 0)));
    }

    /** Drops the characters XML 1.0 cannot hold (control characters other than tab, CR and LF). */
    static String clean(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            boolean ok = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || cp >= 0x10000;
            out.appendCodePoint(ok ? cp : 0xFFFD);
        });
        return out.toString();
    }
}
