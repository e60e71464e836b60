package dev.pipeguard.load;

import dev.pipeguard.model.Problem;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints {@code path<TAB>problem count<TAB>first problem} for every corpus file (or the files
 * given), paths as given or relative to the corpus; scripts/compare-gh-parser.py reads this.
 */
public final class ParseCorpusMain {

    private ParseCorpusMain() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : CorpusFiles.ROOT.toString());
        List<Path> files = args.length > 1 ? List.of(args).subList(1, args.length).stream().map(Path::of).toList()
                : CorpusFiles.list(root);
        StringBuilder out = new StringBuilder();
        for (Path file : files) {
            List<Problem> problems = new ArrayList<>();
            String label = file.startsWith(root) ? root.relativize(file).toString() : file.toString();
            try {
                CorpusFiles.load(file, label, problems);
            } catch (RuntimeException | StackOverflowError e) {
                problems.add(new Problem(dev.pipeguard.model.Span.fileStart(label), "INTERNAL ERROR " + e));
            }
            out.append(label).append('\t').append(problems.size()).append('\t')
                    .append(problems.isEmpty() ? "" : format(problems.get(0))).append('\n');
        }
        System.out.print(out);
    }

    private static String format(Problem p) {
        return (p.span() + ": " + p.message()).replace('\t', ' ').replace('\n', ' ');
    }
}
