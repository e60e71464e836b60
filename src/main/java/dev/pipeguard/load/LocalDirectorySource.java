package dev.pipeguard.load;

import dev.pipeguard.model.ActionDefinition;
import dev.pipeguard.model.ActionRef;
import dev.pipeguard.model.Job;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.SourceFile;
import dev.pipeguard.model.Span;
import dev.pipeguard.model.Step;
import dev.pipeguard.model.Workflow;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Reads a checked-out repository: {@code .github/workflows/*.y(a)ml}, every {@code action.y(a)ml}
 * under {@code .github/actions/}, and every local action or reusable workflow a loaded file
 * references with {@code ./}, transitively. Paths in the model are relative, with forward slashes.
 */
public final class LocalDirectorySource implements RepositorySource {

    private final Path root;
    private final List<Problem> problems = new ArrayList<>();
    private final Map<String, SourceFile> sources = new LinkedHashMap<>();
    private final Map<String, Workflow> workflows = new LinkedHashMap<>();
    private final Map<String, ActionDefinition> actions = new LinkedHashMap<>();

    public LocalDirectorySource(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public Repository load() {
        Path workflowDir = root.resolve(".github/workflows");
        for (Path p : list(workflowDir, 1)) {
            if (isYaml(p)) {
                loadWorkflow(relative(p));
            }
        }
        for (Path p : list(root.resolve(".github/actions"), 16)) {
            String name = p.getFileName().toString();
            if (name.equals("action.yml") || name.equals("action.yaml")) {
                loadAction(relative(p));
            }
        }
        followLocalReferences();
        return new Repository(root.getFileName() == null ? root.toString() : root.getFileName().toString(),
                List.copyOf(workflows.values()), List.copyOf(actions.values()), null,
                Map.copyOf(sources), List.copyOf(problems));
    }

    private void followLocalReferences() {
        Deque<Reference> pending = new ArrayDeque<>();
        workflows.values().forEach(w -> w.jobs().forEach(j -> referencesOf(j, pending)));
        actions.values().forEach(a -> a.steps().forEach(s -> referenceOf(s.uses(), pending)));
        while (!pending.isEmpty()) {
            Reference ref = pending.pop();
            String target = normalise(ref.uses.path());
            if (target == null) {
                problems.add(new Problem(ref.uses.source().span(), "local reference '" + ref.uses.source().value()
                        + "' points outside the repository"));
                continue;
            }
            if (target.endsWith(".yml") || target.endsWith(".yaml")) {
                if (!workflows.containsKey(target)) {
                    if (Files.isRegularFile(root.resolve(target))) {
                        loadWorkflow(target).ifPresent(w -> w.jobs().forEach(j -> referencesOf(j, pending)));
                    } else {
                        problems.add(new Problem(ref.uses.source().span(), "reusable workflow '" + target + "' not found"));
                    }
                }
                continue;
            }
            String prefix = target.isEmpty() ? "" : target + "/";
            if (actions.containsKey(prefix + "action.yml") || actions.containsKey(prefix + "action.yaml")) {
                continue;
            }
            String file = Files.isRegularFile(root.resolve(prefix + "action.yml")) ? prefix + "action.yml"
                    : Files.isRegularFile(root.resolve(prefix + "action.yaml")) ? prefix + "action.yaml" : null;
            if (file == null) {
                problems.add(new Problem(ref.uses.source().span(), "local action '" + ref.uses.source().value()
                        + "' not found: no action.yml or action.yaml in '" + (target.isEmpty() ? "." : target) + "'"));
                continue;
            }
            loadAction(file).ifPresent(a -> a.steps().forEach(s -> referenceOf(s.uses(), pending)));
        }
    }

    private record Reference(ActionRef uses) {
    }

    private static void referencesOf(Job job, Deque<Reference> pending) {
        referenceOf(job.uses(), pending);
        for (Step s : job.steps()) {
            referenceOf(s.uses(), pending);
        }
    }

    private static void referenceOf(ActionRef uses, Deque<Reference> pending) {
        if (uses != null && "local".equals(uses.kind()) && !uses.source().isExpression()) {
            pending.add(new Reference(uses));
        }
    }

    /** A repository-relative path without {@code ..} escaping the root, or null when it escapes. */
    private String normalise(String path) {
        Path resolved = root.resolve(path.replace('\\', '/')).normalize();
        if (!resolved.startsWith(root)) {
            return null;
        }
        return relative(resolved);
    }

    private java.util.Optional<Workflow> loadWorkflow(String path) {
        String text = read(path);
        if (text == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<Workflow> w = WorkflowParser.workflow(path, text, problems);
        w.ifPresent(x -> workflows.put(path, x));
        return w;
    }

    private java.util.Optional<ActionDefinition> loadAction(String path) {
        String text = read(path);
        if (text == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<ActionDefinition> a = WorkflowParser.action(path, text, problems);
        a.ifPresent(x -> actions.put(path, x));
        return a;
    }

    private String read(String path) {
        Path file = root.resolve(path);
        try {
            long size = Files.size(file);
            if (size > YamlReader.MAX_BYTES) {
                problems.add(new Problem(Span.fileStart(path), "file is " + size / 1024 + " KB, over the "
                        + YamlReader.MAX_BYTES / 1024 / 1024 + " MB limit; not read"));
                return null;
            }
            byte[] bytes = Files.readAllBytes(file);
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            text = WorkflowParser.withoutBom(text);
            sources.put(path, SourceFile.of(path, text));
            return text;
        } catch (CharacterCodingException e) {
            problems.add(new Problem(Span.fileStart(path), "file is not valid UTF-8"));
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(path), "cannot read file: " + e.getMessage()));
        }
        return null;
    }

    private List<Path> list(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir, depth)) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(relative(dir)), "cannot list directory: " + e.getMessage()));
            return List.of();
        }
    }

    private static boolean isYaml(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private String relative(Path p) {
        return root.relativize(p.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
