package dev.poker.server.table;

/**
 * Why a copy of a table stopped on this node: {@code why} for the log and {@code /health};
 * {@code reload}: its memory and its log diverged, so the node rebuilds it from the log at once.
 */
record Stop(String why, boolean reload) {}
