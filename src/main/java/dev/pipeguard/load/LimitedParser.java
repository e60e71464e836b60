package dev.pipeguard.load;

import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.parser.Parser;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Passes snakeyaml's events through unchanged but stops at the offending mark once collections
 * nest deeper than a limit (so the recursive composer never overflows the stack) or once aliases
 * would expand the document past a node count (a billion-laughs bomb stops at its first big alias).
 */
final class LimitedParser implements Parser {

    private final Parser parser;
    private final int maxDepth;
    private final long maxNodes;
    /** Expanded node count of each open collection; the bottom frame is the whole stream. */
    private final Deque<long[]> open = new ArrayDeque<>();
    private final Deque<Optional<Anchor>> anchors = new ArrayDeque<>();
    private final Map<Anchor, Long> sizes = new HashMap<>();
    private long total;

    LimitedParser(Parser parser, int maxDepth, long maxNodes) {
        this.parser = parser;
        this.maxDepth = maxDepth;
        this.maxNodes = maxNodes;
        open.push(new long[1]);
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event event = parser.next();
        if (event instanceof CollectionStartEvent c) {
            if (open.size() > maxDepth) {
                throw new Exceeded(event.getStartMark(), "YAML nesting deeper than " + maxDepth + " levels");
            }
            count(1, event);
            open.peek()[0]--; // the collection counts itself in its own frame, added at its end
            open.push(new long[] {1});
            anchors.push(c.getAnchor());
        } else if (event.getEventId() == Event.ID.SequenceEnd || event.getEventId() == Event.ID.MappingEnd) {
            long size = open.pop()[0];
            anchors.pop().ifPresent(a -> sizes.put(a, size));
            open.peek()[0] = saturated(open.peek()[0] + size);
        } else if (event instanceof ScalarEvent s) {
            s.getAnchor().ifPresent(a -> sizes.put(a, 1L));
            count(1, event);
        } else if (event instanceof AliasEvent a) {
            count(sizes.getOrDefault(a.getAlias(), 1L), event);
        }
        return event;
    }

    /** Adds a node (or an alias's whole expansion) to the open collection and to the total. */
    private void count(long nodes, Event at) {
        long[] frame = open.peek();
        frame[0] = saturated(frame[0] + nodes);
        total = saturated(total + nodes);
        if (total > maxNodes) {
            throw new Exceeded(at.getStartMark(), "YAML expands to more than " + maxNodes
                    + " nodes (aliases repeated too often); not read");
        }
    }

    private static long saturated(long n) {
        return Math.min(n, Long.MAX_VALUE / 4);
    }

    /** Thrown at the first event that passes a limit. */
    static final class Exceeded extends MarkedYamlEngineException {
        Exceeded(Optional<Mark> mark, String message) {
            super(null, Optional.empty(), message, mark);
        }
    }
}
