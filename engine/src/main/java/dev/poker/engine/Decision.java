package dev.poker.engine;

import java.util.List;

/** The engine's answer to a command: the events it caused (already applied), or a rejection. */
public sealed interface Decision {

    record Accepted(List<TableEvent> events) implements Decision {}

    record Rejected(Rejection rejection) implements Decision {}

    default boolean accepted() {
        return this instanceof Accepted;
    }

    default List<TableEvent> events() {
        return this instanceof Accepted a ? a.events() : List.of();
    }
}
