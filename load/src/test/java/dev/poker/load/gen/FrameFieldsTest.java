package dev.poker.load.gen;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameFieldsTest {

    @Test
    void readsAnActionEventWithItsNestedFields() {
        FrameFields f = FrameFields.scan("{\"type\":\"event\",\"table\":\"T\\\"1\",\"seq\":12,\"hand\":3,"
                + "\"event\":{\"kind\":\"action\",\"seat\":4,\"action\":\"call\",\"auto\":true}}");
        assertThat(f.type()).isEqualTo("event");
        assertThat(f.table()).isEqualTo("T\"1");
        assertThat(f.seq(-1)).isEqualTo(12);
        assertThat(f.hand(-1)).isEqualTo(3);
        assertThat(f.kind()).isEqualTo("action");
        assertThat(f.seat(-1)).isEqualTo(4);
        assertThat(f.auto(false)).isTrue();
    }

    @Test
    void theFirstOccurrenceOfAKeyCountsAndAWrongTypeReadsAsMissing() {
        FrameFields f = FrameFields.scan("{\"type\":\"your_turn\",\"table\":7,\"hand\":\"x\",\"seat\":2,"
                + "\"more\":{\"table\":\"T\",\"hand\":9}}");
        assertThat(f.table()).isNull();
        assertThat(f.hand(-1)).isEqualTo(-1);
        assertThat(f.seat(-1)).isEqualTo(2);
    }

    @Test
    void aMalformedFrameKeepsWhatCameBeforeTheFault() {
        FrameFields f = FrameFields.scan("{\"type\":\"error\",\"code\":\"RATE_LIMITED\",\"retryable\":tru");
        assertThat(f.type()).isEqualTo("error");
        assertThat(f.code()).isEqualTo("RATE_LIMITED");
        assertThat(f.retryable(false)).isFalse();
        assertThat(FrameFields.scan("not json").type()).isNull();
    }

    @Test
    void aLargeFrameIsReadOnlyAsFarAsItsTypeNeeds() {
        // the rest of the snapshot is never read: a fault there does not matter
        FrameFields f = FrameFields.scan("{\"type\":\"snapshot\",\"table\":\"T\",\"seq\":5,\"view\":{\"seats\":[}");
        assertThat(f.table()).isEqualTo("T");
        assertThat(f.seq(0)).isEqualTo(5);
    }

    @Test
    void readsAHealthAnswerWhole() {
        FrameFields f = FrameFields.scan("{\"node\":\"n1\",\"status\":\"UP\",\"checks\":{\"db\":\"ok\"},\"connections\":42}");
        assertThat(f.status()).isEqualTo("UP");
        assertThat(f.connections(-1)).isEqualTo(42);
    }
}
