package io.cryptorun.functions.validate;

import io.cryptorun.functions.micro.Microstructure;

/**
 * A microstructure record the validation layer flagged (issue 17): written with its flags, kept out of the scores.
 *
 * @param microstructure the record, unchanged
 * @param flags          one {@code "<kind>: <reason>"} per flag, in the order the checks ran
 */
public record FlaggedMicrostructure(Microstructure microstructure, String[] flags) {}
