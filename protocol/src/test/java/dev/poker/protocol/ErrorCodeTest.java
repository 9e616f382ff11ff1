package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.engine.RejectCode;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The catalogue of wire error codes: names clients match on, ranges, flags, and the engine's codes in it. */
class ErrorCodeTest {

    /** Clients match on these names: a renamed or dropped code breaks them (add new codes at the end). */
    private static final List<String> WIRE_NAMES = List.of(
            "INVALID_SEAT", "SEAT_TAKEN", "ALREADY_SEATED", "BUY_IN_OUT_OF_RANGE", "INVALID_AMOUNT",
            "HAND_NOT_RUNNING", "HAND_IN_PROGRESS", "WRONG_HAND", "NOT_YOUR_TURN", "NOT_IN_HAND", "CANNOT_CHECK",
            "NOTHING_TO_CALL", "BET_NOT_ALLOWED", "RAISE_NOT_ALLOWED", "BELOW_MIN_BET", "BELOW_MIN_RAISE",
            "INSUFFICIENT_CHIPS", "ABOVE_MAX_BUY_IN", "NOT_ENOUGH_PLAYERS", "TOO_EARLY", "ALREADY_SITTING_OUT",
            "NOT_SITTING_OUT", "ALREADY_LEAVING", "ABOVE_POT_LIMIT",
            "BAD_JSON", "UNKNOWN_TYPE", "INVALID_MESSAGE", "NOT_AUTHENTICATED", "ALREADY_AUTHENTICATED",
            "INVALID_TOKEN", "RATE_LIMITED",
            "TABLE_NOT_FOUND", "TABLE_CLOSED", "TOO_MANY_TABLES", "NOT_SEATED", "INSUFFICIENT_BALANCE",
            "STORE_UNAVAILABLE", "DRAINING", "TABLE_MOVING",
            "NODE_UNREACHABLE", "REGISTRY_UNAVAILABLE", "NOT_OWNER",
            "INTERNAL_ERROR");

    @Test
    void theWireNamesAreTheOnesClientsKnow() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::name)).containsExactlyElementsOf(WIRE_NAMES);
    }

    @Test
    void theRetryableCodesAreTheOnesTheServerSentAsRetryable() {
        assertThat(Arrays.stream(ErrorCode.values()).filter(ErrorCode::retryable))
                .containsExactlyInAnyOrder(ErrorCode.RATE_LIMITED, ErrorCode.TABLE_CLOSED, ErrorCode.TOO_MANY_TABLES,
                        ErrorCode.STORE_UNAVAILABLE, ErrorCode.DRAINING, ErrorCode.TABLE_MOVING,
                        ErrorCode.NODE_UNREACHABLE, ErrorCode.REGISTRY_UNAVAILABLE, ErrorCode.NOT_OWNER);
    }

    @Test
    void numbersAreUniqueAscendingAndInTheirRange() {
        int previous = 0;
        for (ErrorCode c : ErrorCode.values()) {
            assertThat(c.number()).as(c.name()).isGreaterThan(previous)
                    .isBetween(c.range().first() + 1, c.range().first() + 999);
            previous = c.number();
        }
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::range).collect(Collectors.toSet()))
                .as("every range has codes").containsExactlyInAnyOrder(ErrorCode.Range.values());
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void theMeaningIsOneSentence(ErrorCode c) {
        assertThat(c.meaning()).as(c.name()).matches("[A-Z].*\\.").doesNotContain("\n").doesNotContain("|")
                .doesNotContainPattern("[.!?] [A-Z]");
    }

    @ParameterizedTest
    @EnumSource(RejectCode.class)
    void everyRejectCodeMapsToTheCodeOfItsName(RejectCode r) {
        ErrorCode c = ErrorCode.of(r);
        assertThat(c.name()).isEqualTo(r.name());
        assertThat(c.retryable()).as("the engine would refuse the same command again").isFalse();
        assertThat(c.range()).isEqualTo(r == RejectCode.NOT_SEATED ? ErrorCode.Range.TABLE : ErrorCode.Range.RULES);
    }

    @Test
    void everyRulesCodeComesFromTheEngine() {
        Set<ErrorCode> fromEngine = Arrays.stream(RejectCode.values()).map(ErrorCode::of)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(ErrorCode.class)));
        assertThat(fromEngine).hasSize(RejectCode.values().length);
        for (ErrorCode c : ErrorCode.values()) {
            if (c.range() == ErrorCode.Range.RULES) {
                assertThat(fromEngine).as(c.name()).contains(c);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void aWireNameReadsBackAsItsCode(ErrorCode c) {
        assertThat(ErrorCode.fromWire(c.name())).contains(c);
    }

    @Test
    void anUnknownWireNameIsEmpty() {
        assertThat(ErrorCode.fromWire("NO_SUCH_CODE")).isEmpty();
        assertThat(ErrorCode.fromWire("bad_json")).as("names are exact").isEmpty();
        assertThat(ErrorCode.fromWire(null)).isEmpty();
    }
}
