package io.cryptorun.sources.model;

/**
 * A venue's answer to a subscribe request. For book channels {@code depth} is the subscribed
 * depth the book must be truncated to; 0 when not applicable.
 */
public record Subscription(EventHeader header, String channel, int depth, boolean success, String error) {}
