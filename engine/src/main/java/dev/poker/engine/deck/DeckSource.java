package dev.poker.engine.deck;

/**
 * Where the engine gets each hand's deck. Injected, so the engine itself holds no randomness: the
 * production source is {@link SecureDeckSource}; tests and replays use {@link ScriptedDeckSource}.
 */
@FunctionalInterface
public interface DeckSource {
    /** The deck for the next hand. */
    ShuffledDeck next();
}
