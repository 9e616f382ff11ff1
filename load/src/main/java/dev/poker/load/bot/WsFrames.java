package dev.poker.load.bot;

import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The WebSocket frame format (RFC 6455 §5.2) as the load tools' own clients need it: client frames
 * (always masked) out, frame headers in.
 *
 * <p>Concurrency: stateless.
 */
public final class WsFrames {
    private WsFrames() {}

    /**
     * A frame header read from a buffer: the payload is {@code length} bytes at {@code payloadAt},
     * masked with the 4 bytes at {@code maskAt} when {@code masked}.
     */
    public record Header(boolean fin, int opcode, boolean masked, int maskAt, int payloadAt, long length) {
        /** Header and payload bytes of the whole frame. */
        public long frameEnd() {
            return payloadAt + length;
        }
    }

    /**
     * The header of the frame at the buffer's position, without moving it; null while the buffer does
     * not hold the whole header yet. {@code length} is negative for a corrupt 64-bit length.
     */
    public static Header peek(ByteBuffer src) {
        if (src.remaining() < 2) {
            return null;
        }
        int p = src.position();
        int b0 = src.get(p) & 0xFF;
        int b1 = src.get(p + 1) & 0xFF;
        boolean masked = (b1 & 0x80) != 0;
        long len = b1 & 0x7F;
        int header = 2;
        if (len == 126) {
            if (src.remaining() < 4) {
                return null;
            }
            len = src.getShort(p + 2) & 0xFFFF;
            header = 4;
        } else if (len == 127) {
            if (src.remaining() < 10) {
                return null;
            }
            len = src.getLong(p + 2);
            header = 10;
        }
        int maskAt = p + header;
        return new Header((b0 & 0x80) != 0, b0 & 0x0F, masked, maskAt, maskAt + (masked ? 4 : 0), len);
    }

    /** A masked client frame, ready to write. */
    public static ByteBuffer clientFrame(int opcode, byte[] payload, boolean fin) {
        int len = payload.length;
        int header = len < 126 ? 2 : len < 65536 ? 4 : 10;
        ByteBuffer b = ByteBuffer.allocate(header + 4 + len);
        b.put((byte) ((fin ? 0x80 : 0) | opcode));
        if (len < 126) {
            b.put((byte) (0x80 | len));
        } else if (len < 65536) {
            b.put((byte) (0x80 | 126));
            b.putShort((short) len);
        } else {
            b.put((byte) (0x80 | 127));
            b.putLong(len);
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        b.put(mask);
        byte[] arr = b.array();
        int at = b.position();
        for (int i = 0; i < len; i++) {
            arr[at + i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        b.position(at + len);
        b.flip();
        return b;
    }
}
