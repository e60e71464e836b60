package dev.pipeguard.load;

import dev.pipeguard.model.ActionDefinition;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Workflow;

import java.util.List;
import java.util.Optional;

/** Parses workflow and action files from text; the entry point of this package for one file. */
public final class WorkflowParser {

    private WorkflowParser() {
    }

    /** Strips a UTF-8 byte order mark, which snakeyaml would otherwise read as content. */
    public static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** The workflow in {@code text}, or empty when it cannot be read; problems are appended. */
    public static Optional<Workflow> workflow(String path, String text, List<Problem> problems) {
        Optional<YamlNode> root = YamlReader.read(path, withoutBom(text), problems);
        if (root.isEmpty()) {
            if (problems.stream().noneMatch(p -> p.span().file().equals(path))) {
                problems.add(new Problem(dev.pipeguard.model.Span.fileStart(path), "workflow file is empty"));
            }
            return Optional.empty();
        }
        return Optional.ofNullable(new WorkflowBuilder(path, problems).workflow(root.get()));
    }

    public static Optional<ActionDefinition> action(String path, String text, List<Problem> problems) {
        Optional<YamlNode> root = YamlReader.read(path, withoutBom(text), problems);
        if (root.isEmpty()) {
            if (problems.stream().noneMatch(p -> p.span().file().equals(path))) {
                problems.add(new Problem(dev.pipeguard.model.Span.fileStart(path), "action file is empty"));
            }
            return Optional.empty();
        }
        return Optional.ofNullable(new WorkflowBuilder(path, problems).action(root.get()));
    }
}
