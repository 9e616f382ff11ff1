package dev.poker.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeysTest {

    @Test
    void defaultNamespaceNames() {
        Keys k = new Keys(Keys.DEFAULT_NAMESPACE);
        assertThat(k.lease("t1")).isEqualTo("poker:lease:t1");
        assertThat(k.epoch("t1")).isEqualTo("poker:epoch:t1");
        assertThat(k.owned("n1")).isEqualTo("poker:owned:n1");
        assertThat(k.node("n1")).isEqualTo("poker:node:n1");
        assertThat(k.nodes()).isEqualTo("poker:nodes");
        assertThat(k.channel("t1")).isEqualTo("poker:table:t1");
    }

    @Test
    void tableOfChannelIsTheInverseOfChannel() {
        Keys k = new Keys("ns");
        assertThat(k.tableOfChannel(k.channel("t:1"))).isEqualTo("t:1");
        assertThat(k.tableOfChannel("poker:table:t1")).isNull();
        assertThat(k.tableOfChannel(null)).isNull();
        assertThatThrownBy(() -> new Keys(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void scriptDigestsAreSha1OfTheSource() {
        assertThat(new LuaScript("return 1").sha()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }
}
