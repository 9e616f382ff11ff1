package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The codec is strict: fractions are not whole numbers, strings are not numbers or booleans, and
 * null fields are left out of lobby entries. (Jackson's lenient defaults
 * {@code ACCEPT_FLOAT_AS_INT} and {@code ALLOW_COERCION_OF_SCALARS} are turned off.)
 */
class CodecStrictnessTest {

    private static final ProtocolCodec CODEC = new ProtocolCodec();

    static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    /** A fraction where the protocol has whole chips or seats is silently truncated and accepted. */
    @ParameterizedTest
    @ValueSource(strings = {
        // decodes today as Sit[seat=1, ...]: the player lands on a seat they did not ask for
        "{'type':'sit','id':'req-7','table':'t','seat':1.5,'buyIn':100}",
        // decodes today as TopUp[amount=1]
        "{'type':'top_up','id':'req-7','table':'t','amount':1.9}",
        // decodes today as Act[amount=10]: a raise to 10.99 becomes a raise to 10
        "{'type':'act','id':'req-7','table':'t','hand':3,'action':'raise','amount':10.99,'actionId':'a'}",
        // decodes today as CreateTable[seats=2, ...]
        "{'type':'create_table','id':'req-7','name':'T','seats':2.5,'smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        // decodes today as CreateTable[smallBlind=0, ...]
        "{'type':'create_table','id':'req-7','name':'T','seats':6,'smallBlind':0.5,'bigBlind':1,'minBuyIn':40,"
                + "'maxBuyIn':200}",
    })
    void fractionalNumbersForWholeFieldsAreInvalid(String frame) {
        assertThat(CODEC.decodeClient(json(frame)))
                .isInstanceOfSatisfying(Decoded.Bad.class, bad -> {
                    assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(bad.id()).isEqualTo("req-7");
                });
    }

    /** Strings are read as numbers and numbers as booleans. */
    @ParameterizedTest
    @ValueSource(strings = {
        // decodes today as Sit[seat=3, ...]
        "{'type':'sit','id':'req-7','table':'t','seat':'3','buyIn':100}",
        // decodes today as CreateTable[seats=6, ...]
        "{'type':'create_table','id':'req-7','name':'T','seats':'6','smallBlind':1,'bigBlind':2,'minBuyIn':40,"
                + "'maxBuyIn':200}",
        // decodes today as TopUp[amount=50]
        "{'type':'top_up','id':'req-7','table':'t','amount':'50'}",
        // decodes today as SitIn[waitForBigBlind=true]
        "{'type':'sit_in','id':'req-7','table':'t','waitForBigBlind':1}",
        // decodes today as Sit[postBigBlind=true]
        "{'type':'sit','id':'req-7','table':'t','seat':1,'buyIn':100,'postBigBlind':'true'}",
    })
    void scalarsOfTheWrongTypeAreInvalid(String frame) {
        assertThat(CODEC.decodeClient(json(frame)))
                .isInstanceOfSatisfying(Decoded.Bad.class, bad -> {
                    assertThat(bad.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
                    assertThat(bad.id()).isEqualTo("req-7");
                });
    }

    /**
     * Server messages promise to leave nulls out, but {@link TableSummary} has no
     * {@code @JsonInclude(NON_NULL)}: a lobby entry with no name is written {@code "name":null}.
     * (The same holds for {@code TableView.PotView}.)
     */
    @Test
    void lobbyEntriesLeaveNullsOut() {
        String json = CODEC.encode(new ServerMessage.Tables("r",
                List.of(new TableSummary("t-1", null, 6, 0, 1, 2, 0, 40, 200, 0))));
        assertThat(json).doesNotContain("null");
    }
}
