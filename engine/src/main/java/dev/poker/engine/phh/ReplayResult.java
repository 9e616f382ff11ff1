package dev.poker.engine.phh;

import java.math.BigDecimal;
import java.util.List;

/**
 * The outcome of replaying one PHH hand through the engine.
 *
 * @param status what happened
 * @param reason why, in one line. For {@link Status#SKIPPED} it starts with a short category and a
 *     colon ({@code "unknown cards: ..."}, {@code "straddles: ..."}), see {@link #category()}
 * @param stacks the engine's final stacks in the file's units, in player order (p1 first); null when
 *     the hand was not played to its end
 */
public record ReplayResult(Status status, String reason, List<BigDecimal> stacks) {

    public enum Status {
        /** The engine accepted every action and ends with the recorded stacks (or nothing was recorded to compare). */
        PASSED,
        /** As {@link #PASSED}, except that the recorded stacks split an odd chip into halves. */
        PASSED_ODD_CHIP,
        /** The engine refused an action, disagreed on whose turn it was, or ended with other stacks. */
        FAILED,
        /** The hand uses something the engine does not model, or its outcome depends on unknown cards. */
        SKIPPED
    }

    public boolean passed() {
        return status == Status.PASSED || status == Status.PASSED_ODD_CHIP;
    }

    /** The reason up to its first colon: a skip's category ("unknown cards", "straddles", ...). */
    public String category() {
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    static ReplayResult passed(String reason, List<BigDecimal> stacks) {
        return new ReplayResult(Status.PASSED, reason, stacks);
    }

    static ReplayResult failed(String reason) {
        return new ReplayResult(Status.FAILED, reason, null);
    }

    static ReplayResult skipped(String reason) {
        return new ReplayResult(Status.SKIPPED, reason, null);
    }
}
