package dev.poker.engine.phh;

/**
 * Text that is not valid PHH (or not the TOML subset PHH uses). {@link #line()} is the 1-based line
 * of the problem, {@link #reason()} what is wrong there; the message combines both.
 */
public final class PhhFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;

    public PhhFormatException(int line, String reason) {
        super("line " + line + ": " + reason);
        this.line = line;
        this.reason = reason;
    }

    /** The 1-based line number where the problem is. */
    public int line() {
        return line;
    }

    /** What is wrong, without the line number. */
    public String reason() {
        return reason;
    }
}
