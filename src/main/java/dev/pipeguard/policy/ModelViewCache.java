package dev.pipeguard.policy;

import dev.pipeguard.model.Repository;

import java.util.Map;

/**
 * Builds a repository's {@link ModelView} once and shares it between every policy of a run. Keyed
 * by identity, one entry per thread, so concurrent audits of many repositories do not collide.
 */
final class ModelViewCache {

    private record Entry(Repository repo, Map<String, Object> view) {
    }

    private static final ThreadLocal<Entry> LAST = new ThreadLocal<>();

    private ModelViewCache() {
    }

    static Map<String, Object> of(Repository repo) {
        Entry e = LAST.get();
        if (e != null && e.repo() == repo) {
            return e.view();
        }
        Map<String, Object> view = ModelView.of(repo);
        LAST.set(new Entry(repo, view));
        return view;
    }
}
