package dev.poker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ServerMessage.Error} built from the catalogue: the same frame as before, the flag from the catalogue. */
class ErrorMessageTest {
    private static final ProtocolCodec CODEC = new ProtocolCodec();

    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    @Test
    void aCatalogueErrorTakesItsRetryableFlagFromTheCode() {
        ServerMessage.Error moving = ServerMessage.Error.of("r1", ErrorCode.TABLE_MOVING, "Retry.", "t-1");
        assertThat(moving).isEqualTo(new ServerMessage.Error("r1", "TABLE_MOVING", "Retry.", true, "t-1"));
        ServerMessage.Error turn = ServerMessage.Error.of(null, ErrorCode.NOT_YOUR_TURN, "It is not your turn.", null);
        assertThat(turn.retryable()).isFalse();
    }

    @Test
    void theFrameIsUnchangedAndCarriesNoTypedCodeField() {
        String frame = CODEC.encode(ServerMessage.Error.of("r2", ErrorCode.RATE_LIMITED, "Slow down.", null));
        assertThat(frame).isEqualTo(
                json("{'type':'error','id':'r2','code':'RATE_LIMITED','message':'Slow down.','retryable':true}"));
    }

    @Test
    void aDecodedErrorGivesItsTypedCode() {
        ServerMessage m = CODEC.decodeServer(
                json("{'type':'error','code':'BELOW_MIN_RAISE','message':'x','retryable':false,'table':'t'}"));
        assertThat(((ServerMessage.Error) m).errorCode()).contains(ErrorCode.BELOW_MIN_RAISE);
    }

    @Test
    void aCodeFromANewerServerStillDecodesWithoutATypedCode() {
        ServerMessage m =
                CODEC.decodeServer(json("{'type':'error','code':'SOMETHING_NEW','message':'x','retryable':true}"));
        assertThat(m).isEqualTo(new ServerMessage.Error(null, "SOMETHING_NEW", "x", true, null));
        assertThat(((ServerMessage.Error) m).errorCode()).isEmpty();
    }
}
