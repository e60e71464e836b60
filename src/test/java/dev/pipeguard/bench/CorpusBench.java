package dev.pipeguard.bench;

import dev.pipeguard.engine.Catalogue;
import dev.pipeguard.engine.Config;
import dev.pipeguard.engine.Engine;
import dev.pipeguard.engine.RepositoryLoader;
import dev.pipeguard.engine.RunResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Times {@code check} (load, every built-in policy) over every repository and history snapshot of
 * the corpus in one JVM, as an organisation audit would: {@code CorpusBench CORPUS_DIR [ROUNDS]}.
 * Prints one line per round; the first round includes JIT warm-up.
 */
public final class CorpusBench {

    private CorpusBench() {
    }

    public static void main(String[] args) throws IOException {
        Path corpus = Path.of(args.length > 0 ? args[0] : "../shared/corpus");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        List<Path> roots = new ArrayList<>();
        try (Stream<Path> s = Files.list(corpus.resolve("repos"))) {
            s.filter(Files::isDirectory).sorted().forEach(roots::add);
        }
        int repos = roots.size();
        try (Stream<Path> s = Files.list(corpus.resolve("history"))) {
            for (Path repo : s.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> snaps = Files.list(repo)) {
                    snaps.filter(Files::isDirectory).sorted().forEach(roots::add);
                }
            }
        }
        long t0 = System.nanoTime();
        Catalogue catalogue = Catalogue.load(List.of());
        Engine engine = new Engine(catalogue.rules(), Config.defaults().withPacks(Engine.BUILT_IN_PACKS));
        System.out.printf("catalogue: %d rules compiled in %d ms%n", catalogue.rules().size(), (System.nanoTime() - t0) / 1_000_000);
        for (int round = 1; round <= rounds; round++) {
            long start = System.nanoTime();
            long workflows = 0;
            long findings = 0;
            long repoNanos = 0;
            for (int i = 0; i < roots.size(); i++) {
                RunResult r = engine.run(RepositoryLoader.local(roots.get(i), null));
                workflows += r.repository().workflows().size();
                findings += r.findings().size();
                if (i == repos - 1) {
                    repoNanos = System.nanoTime() - start;
                }
            }
            long total = System.nanoTime() - start;
            System.out.printf("round %d: repos/ (%d repositories) %d ms; repos/ + history/ (%d roots, %d workflows, %d findings) %d ms%n",
                    round, repos, repoNanos / 1_000_000, roots.size(), workflows, findings, total / 1_000_000);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used after runs: %d MB%n", (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024));
    }
}
