package dev.pipeguard.policy;

import dev.pipeguard.model.ActionRef;
import dev.pipeguard.model.Repository;
import dev.pipeguard.model.Scalar;
import dev.pipeguard.model.Span;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The normalised model as policies (and {@code pipeguard inspect}) see it: records become maps
 * of their components, spans become {@code path:line:col-line:col} strings, numbers become
 * {@code long} or {@code double}, and absent (null) values are left out, so CEL's {@code has()}
 * tells whether something was written.
 */
public final class ModelView {

    private static final Map<Class<?>, RecordComponent[]> COMPONENTS = new ConcurrentHashMap<>();

    private ModelView() {
    }

    /** The repository as one map: name, workflows, actions, settings (when known) and anchor. */
    public static Map<String, Object> of(Repository repo) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", repo.name());
        out.put("workflows", convert(repo.workflows()));
        out.put("actions", convert(repo.actions()));
        if (repo.settings() != null) {
            out.put("settings", convert(repo.settings()));
        }
        out.put("anchor", anchor(repo).toString());
        return out;
    }

    /**
     * A real file of the repository for findings that have no better place (settings, missing
     * workflows): the first workflow, or the first file read. GitHub drops SARIF results without
     * a file, so there must be one.
     */
    public static Span anchor(Repository repo) {
        if (!repo.workflows().isEmpty()) {
            return repo.workflows().get(0).onSpan();
        }
        return repo.sources().keySet().stream().sorted().findFirst()
                .map(Span::fileStart).orElse(Span.fileStart(".github/workflows"));
    }

    /** Converts any model value (record, collection, scalar) into CEL-ready Java values. */
    public static Object convert(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
            return value;
        }
        if (value instanceof Integer || value instanceof Short || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Span s) {
            return s.toString();
        }
        if (value instanceof Enum<?> e) {
            return e.name().toLowerCase(java.util.Locale.ROOT);
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                Object v = convert(o);
                if (v != null) {
                    out.add(v);
                }
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> {
                Object cv = convert(v);
                if (cv != null) {
                    out.put(String.valueOf(k), cv);
                }
            });
            return out;
        }
        if (value instanceof Record r) {
            Map<String, Object> out = record(r);
            if (r instanceof ActionRef a) {
                // NOTE: slug is derived, so it is always present ("" for local and docker uses)
                // and policies can compare it without has() guards.
                out.put("slug", a.slug() == null ? "" : a.slug());
                out.put("pinned", a.isPinned());
                out.remove("source");
                Scalar s = a.source();
                out.put("value", s.value());
                out.put("raw", s.raw());
                out.put("span", s.span().toString());
            }
            return out;
        }
        return String.valueOf(value);
    }

    private static Map<String, Object> record(Record r) {
        RecordComponent[] components = COMPONENTS.computeIfAbsent(r.getClass(), Class::getRecordComponents);
        Map<String, Object> out = new LinkedHashMap<>();
        for (RecordComponent c : components) {
            try {
                Object v = convert(c.getAccessor().invoke(r));
                if (v != null) {
                    out.put(c.getName(), v);
                }
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
            }
        }
        return out;
    }
}
