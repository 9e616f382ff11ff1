package dev.poker.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the events of one command, applying each to the state as it is emitted so the rules that
 * follow see its effect.
 *
 * <p>Concurrency: confined to the thread handling the command.
 */
final class Emitter {
    final TableState state;
    final long now;
    private final List<TableEvent> events = new ArrayList<>(12);

    Emitter(TableState state, long now) {
        this.state = state;
        this.now = now;
    }

    void emit(TableEvent event) {
        state.apply(event);
        events.add(event);
    }

    Decision accepted() {
        return new Decision.Accepted(java.util.Collections.unmodifiableList(events));
    }
}
