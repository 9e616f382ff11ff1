package dev.poker.server.table;

import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * Frames that go to many viewers unchanged: each one is turned into UTF-8 once, the first time a
 * connection writes it, and every other connection writes the same bytes (no copy per viewer).
 *
 * <p>Concurrency: immutable text; the byte forms are computed lazily and published through a
 * benign race (every thread computes identical bytes; the array slots are written whole).
 */
public final class SharedFrames extends AbstractList<String> implements RandomAccess {
    private final List<String> frames;
    private final byte[][] utf8;

    public SharedFrames(List<String> frames) {
        this.frames = List.copyOf(frames);
        this.utf8 = new byte[this.frames.size()][];
    }

    @Override
    public String get(int index) {
        return frames.get(index);
    }

    @Override
    public int size() {
        return frames.size();
    }

    /** Frame {@code index} as UTF-8; callers must not change the array. */
    public byte[] utf8(int index) {
        byte[] b = utf8[index];
        if (b == null) {
            b = frames.get(index).getBytes(StandardCharsets.UTF_8);
            utf8[index] = b;
        }
        return b;
    }
}
