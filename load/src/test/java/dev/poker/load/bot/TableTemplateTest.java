package dev.poker.load.bot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.poker.protocol.TableSummary;
import org.junit.jupiter.api.Test;

/** Bots join and create tables of their template's game; a lobby line or template without a game is hold'em. */
class TableTemplateTest {
    private static TableSummary lobbyLine(String game) {
        return new TableSummary("t", "t", 6, 1, 1, 2, 0, 40, 200, 0, game);
    }

    @Test
    void aTemplateMatchesOnlyTablesOfItsGame() {
        TableTemplate holdem = TableTemplate.ofSeats(6);
        TableTemplate omaha = holdem.withGame("pot_limit_omaha");
        assertThat(holdem.matches(lobbyLine(null))).as("a node that predates games runs hold'em").isTrue();
        assertThat(holdem.matches(lobbyLine("no_limit_holdem"))).isTrue();
        assertThat(holdem.matches(lobbyLine("pot_limit_omaha"))).isFalse();
        assertThat(omaha.matches(lobbyLine("pot_limit_omaha"))).isTrue();
        assertThat(omaha.matches(lobbyLine(null))).isFalse();
        assertThat(omaha.matches(lobbyLine("no_limit_holdem"))).isFalse();
    }

    @Test
    void theCreateTableMessageCarriesTheGame() {
        assertThat(TableTemplate.ofSeats(6).toCreate("x").game()).isNull();
        assertThat(TableTemplate.ofSeats(6).withGame("pot_limit_omaha").toCreate("x").game())
                .isEqualTo("pot_limit_omaha");
    }
}
