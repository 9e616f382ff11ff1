package dev.poker.protocol;

/**
 * Runs the properties of {@link DecoderFuzzProperties} under Surefire, whose default includes
 * ({@code **}{@code /*Test.java} and the like) do not match a class named {@code *Properties}.
 */
class DecoderFuzzPropertiesTest extends DecoderFuzzProperties {}
