package dev.pipeguard.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pipeguard.load.LocatedTree;
import dev.pipeguard.load.SchemaCheck;
import dev.pipeguard.model.Position;
import dev.pipeguard.model.Problem;
import dev.pipeguard.model.RuleInfo;
import dev.pipeguard.model.Span;
import dev.pipeguard.rules.RuleHeader;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Finds policy files ({@code <dir>/<id>/policy.yml}) under a folder, validates each against
 * {@code schemas/policy.schema.json} and compiles its CEL once. A broken policy is a located
 * problem in its own file; the others still load.
 */
public final class PolicyLoader {

    private static final SchemaCheck SCHEMA = SchemaCheck.load("policy.schema.json");

    /** What loading found: the policies that compiled and the problems of those that did not. */
    public record Result(List<Policy> policies, List<Problem> problems) {
    }

    private PolicyLoader() {
    }

    /** The built-in packs shipped in the jar (or in the checkout's {@code policies/} when run from classes). */
    public static Result builtIn() {
        return load(builtInRoot(), "policies", null);
    }

    /** The folder of the built-in packs, inside the jar when running from it. */
    public static Path builtInRoot() {
        try {
            URI uri = PolicyLoader.class.getResource("/policies").toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem fs;
                try {
                    fs = FileSystems.getFileSystem(uri);
                } catch (FileSystemNotFoundException e) {
                    fs = FileSystems.newFileSystem(uri, Map.of());
                }
                return fs.getPath("/policies");
            }
            return Path.of(uri);
        } catch (URISyntaxException | IOException | NullPointerException e) {
            throw new IllegalStateException("built-in policies missing from the build", e);
        }
    }

    /**
     * Loads every {@code policy.yml} under {@code root}; {@code shownAs} is the path prefix used in
     * messages, and {@code pack} the pack of policies that do not name one (null: the first folder
     * below {@code root}).
     */
    public static Result load(Path root, String shownAs, String pack) {
        List<Policy> policies = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(root, 6)) {
            files = s.filter(p -> {
                        String n = p.getFileName() == null ? "" : p.getFileName().toString();
                        return (n.equals("policy.yml") || n.equals("policy.yaml")) && !isFixture(root.relativize(p));
                    })
                    .sorted(Comparator.comparing(Path::toString)).toList();
        } catch (IOException e) {
            problems.add(new Problem(Span.fileStart(shownAs), "cannot read policy folder: " + e.getMessage()));
            return new Result(List.of(), problems);
        }
        // NOTE: compiling CEL dominates start-up (about 1 ms an expression once warm, ten times that
        // cold), and policies are independent, so they compile in parallel; results keep file order.
        List<Result> each = files.parallelStream().map(file -> {
            Path rel = root.relativize(file);
            String shown = shownAs + "/" + rel.toString().replace('\\', '/');
            String defaultPack = pack != null ? pack : rel.getNameCount() > 2 ? rel.getName(0).toString() : "custom";
            List<Problem> mine = new ArrayList<>();
            List<Policy> compiled = new ArrayList<>();
            try {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                compile(shown, text, defaultPack, mine).ifPresent(compiled::add);
            } catch (IOException e) {
                mine.add(new Problem(Span.fileStart(shown), "cannot read policy: " + e.getMessage()));
            }
            return new Result(compiled, mine);
        }).toList();
        each.forEach(r -> {
            policies.addAll(r.policies());
            problems.addAll(r.problems());
        });
        return new Result(policies, problems);
    }

    /** Fixture folders hold repositories, never policies. */
    private static boolean isFixture(Path rel) {
        for (Path part : rel) {
            String n = part.toString();
            if (n.equals("pass") || n.equals("fail")) {
                return true;
            }
        }
        return false;
    }

    /** Validates and compiles one policy file's text. */
    public static java.util.Optional<Policy> compile(String file, String text, String pack, List<Problem> problems) {
        List<Problem> mine = new ArrayList<>();
        java.util.Optional<LocatedTree> read = LocatedTree.read(file, text, mine);
        if (read.isEmpty()) {
            problems.addAll(mine);
            return java.util.Optional.empty();
        }
        LocatedTree tree = read.get();
        List<Problem> schemaProblems = SCHEMA.validate(tree);
        if (!schemaProblems.isEmpty()) {
            problems.addAll(schemaProblems);
            return java.util.Optional.empty();
        }
        JsonNode n = tree.root();
        Compiler c = new Compiler(tree, mine);
        Cel.Program where = c.program("/where");
        List<Policy.Check> checks = new ArrayList<>();
        for (int i = 0; i < n.get("checks").size(); i++) {
            String at = "/checks/" + i;
            checks.add(new Policy.Check(c.program(at + "/for-each"), c.program(at + "/unknown-if"), c.program(at + "/assert"),
                    c.template(at + "/message"), c.program(at + "/at"), c.program(at + "/logical"), c.origin(at + "/assert")));
        }
        Policy.WhenNone whenNone = n.has("when-none")
                ? new Policy.WhenNone(c.template("/when-none/message"), c.program("/when-none/at"), c.origin("/when-none/message"))
                : null;
        if (!mine.isEmpty()) {
            problems.addAll(mine);
            return java.util.Optional.empty();
        }
        RuleInfo info = RuleHeader.read(n, pack, file);
        return java.util.Optional.of(new Policy(info, where, c.origin("/where"), List.copyOf(checks), whenNone));
    }

    /** Compiles the expressions of one file, recording errors at the expression's own position. */
    private record Compiler(LocatedTree tree, List<Problem> problems) {

        Cel.Program program(String pointer) {
            JsonNode node = tree.root().at(pointer);
            if (node.isMissingNode()) {
                return null;
            }
            try {
                return Cel.compile(node.asText());
            } catch (Cel.CompileError e) {
                problems.add(new Problem(at(pointer, e), "invalid CEL in '" + pointer.substring(1) + "': " + e.getMessage()));
                return null;
            }
        }

        Template template(String pointer) {
            try {
                return Template.compile(tree.root().at(pointer).asText());
            } catch (Cel.CompileError e) {
                problems.add(new Problem(at(pointer, e), "invalid template in '" + pointer.substring(1) + "': " + e.getMessage()));
                return null;
            }
        }

        String origin(String pointer) {
            Span s = tree.valueSpan(pointer);
            return s.file() + ":" + s.start().line() + ":" + s.start().column();
        }

        /** The error's place in the file: its line and column inside the expression, offset by where the text starts. */
        private Span at(String pointer, Cel.CompileError e) {
            Position start = tree.contentStart(pointer);
            Position p = e.line == 1
                    ? new Position(start.line(), start.column() + e.column - 1)
                    : new Position(start.line() + e.line - 1, Math.max(1, start.column() + e.column - 1));
            return new Span(tree.file(), p, new Position(p.line(), p.column() + 1));
        }
    }
}
