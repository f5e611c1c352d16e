package io.cryptorun.sources.venue;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SymbolsTest {
    final Symbols symbols = new Symbols();

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "BTC-USD, BTC/USD", "eth-usd, ETH/USD", "USDT-USDC, USDT/USDC", "BTCUSD, NULL", "-USD, NULL", "BTC-, NULL",
        "BTC-USD-X, NULL", "B T-USD, NULL", "BTC/USD, NULL"})
    void dashed(String in, String out) {
        assertThat(symbols.fromDashed(in)).isEqualTo(out);
        assertThat(symbols.fromDashed(in)).isEqualTo(out); // cached path
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
        "btcusd, BTC/USD", "BTCUSD, BTC/USD", "ethbtc, ETH/BTC", "usdtusd, USDT/USD", "usdcusdt, USDC/USDT",
        "BTCGUSD, BTC/GUSD", "GUSDUSD, GUSD/USD", "btceur, BTC/EUR", "pepeusd, PEPE/USD", "usd, NULL", "btcxyz, NULL",
        "btc_usd, NULL", "'', NULL"})
    void concatenated(String in, String out) {
        assertThat(symbols.fromConcatenated(in)).isEqualTo(out);
    }
}
