package dev.poker.engine;

/**
 * Why a command was refused. A rejection never changes state. {@code legal} is the legal options of
 * the player to act when the rejection concerns a decision, otherwise null.
 */
public record Rejection(RejectCode code, String message, LegalActions legal) {

    static Rejection of(RejectCode code) {
        return new Rejection(code, code.message(), null);
    }

    static Rejection of(RejectCode code, String message) {
        return new Rejection(code, message, null);
    }

    static Rejection of(RejectCode code, String message, LegalActions legal) {
        return new Rejection(code, message, legal);
    }
}
