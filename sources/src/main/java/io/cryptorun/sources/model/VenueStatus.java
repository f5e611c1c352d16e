package io.cryptorun.sources.model;

/** Venue/connection status (system online, maintenance, ...), or a venue error reply. */
public record VenueStatus(EventHeader header, String system, String message) {}
