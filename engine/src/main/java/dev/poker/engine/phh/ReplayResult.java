package dev.poker.engine.phh;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of replaying one PHH hand through the engine.
 *
 * <p>Concurrency: immutable.
 *
 * @param status what happened
 * @param reason why, in one line. For {@link Status#SKIPPED} it starts with the skip's
 *     {@link SkipReason#label() label} and a colon ({@code "unknown cards: ..."}, {@code "variant: 'PO' ..."})
 * @param stacks the engine's final stacks in the file's units, in player order (p1 first); null when
 *     the hand was not played to its end
 * @param skipReason why the hand was skipped; null unless {@code status} is {@link Status#SKIPPED}
 * @param noOpChecks the checks ({@code cc}) recorded after the hand's betting had closed, accepted as
 *     no-ops, each described as {@code action N 'pK cc'}; empty when there were none
 */
public record ReplayResult(Status status, String reason, List<BigDecimal> stacks, SkipReason skipReason,
        List<String> noOpChecks) {

    public ReplayResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        if ((status == Status.SKIPPED) != (skipReason != null)) {
            throw new IllegalArgumentException("a skip reason goes with, and only with, a skipped result");
        }
        noOpChecks = List.copyOf(noOpChecks);
    }

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

    /** A skip's category ("unknown cards", "straddles", ...); for other results the reason up to its first colon. */
    public String category() {
        if (skipReason != null) {
            return skipReason.label();
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** This result with the given accepted no-op checks. */
    ReplayResult withNoOpChecks(List<String> checks) {
        return new ReplayResult(status, reason, stacks, skipReason, checks);
    }

    static ReplayResult passed(String reason, List<BigDecimal> stacks) {
        return new ReplayResult(Status.PASSED, reason, stacks, null, List.of());
    }

    static ReplayResult failed(String reason) {
        return new ReplayResult(Status.FAILED, reason, null, null, List.of());
    }

    static ReplayResult skipped(SkipReason why, String detail) {
        return new ReplayResult(Status.SKIPPED, why.label() + ": " + detail, null, why, List.of());
    }
}
