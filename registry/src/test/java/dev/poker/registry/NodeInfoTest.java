package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class NodeInfoTest {

    @Test
    void encodesAsPipeSeparatedFields() {
        NodeInfo n = new NodeInfo("n1", "10.0.1.10:8080", 12, 345, true, Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(n.encode()).isEqualTo("10.0.1.10:8080|12|345|1|1700000000123");
        assertThat(NodeInfo.decode("n1", n.encode())).isEqualTo(n);
    }

    @Test
    void roundTripsAddressesContainingTheSeparatorAndEmptyAddresses() {
        for (String address : new String[] {"", "a|b|c", "[::1]:8080", "|", "host:1|2|3|0|4"}) {
            NodeInfo n = new NodeInfo("n-" + address.length(), address, 0, 7, false, Instant.ofEpochMilli(5));
            assertThat(NodeInfo.decode(n.nodeId(), n.encode())).isEqualTo(n);
        }
    }

    @Test
    void rejectsMalformedValues() {
        for (String bad : new String[] {"", "addr", "addr|1|2|0", "addr|x|2|0|5", "addr|1|2|yes|5", "addr|1|2|0|",
                "addr|-1|2|0|5"}) {
            assertThatThrownBy(() -> NodeInfo.decode("n", bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> NodeInfo.decode("n", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void validatesFields() {
        assertThatThrownBy(() -> new NodeInfo(" ", "a", 0, 0, false, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NodeInfo("n", "a", -1, 0, false, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
