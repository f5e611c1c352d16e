package io.cryptorun.functions.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ControlBookTest {
    static ControlCommand c(long ts, long seq, String action, String scope, String target, long ttl) {
        return new ControlCommand(ts, seq, action, scope, target, ttl, "ops");
    }

    @Test
    void foldsCommandsUpToTheTimeInTimeThenSequenceOrder() {
        List<ControlCommand> cmds = List.of(
                c(30, 2, ControlCommand.UNMUTE, "symbol", "SOL/USD", 0),
                c(10, 1, ControlCommand.MUTE, "symbol", "SOL/USD", 0),
                c(30, 1, ControlCommand.MUTE, "channel", "desk", 100),
                c(20, 1, ControlCommand.DENY, "symbol", "PEPE/USD", 50),
                c(40, 1, "explode", "symbol", "X", 0));
        Controls at25 = ControlBook.at(25, cmds);
        assertThat(at25.mutedSymbol("SOL/USD", 25)).isTrue();
        assertThat(at25.denied("PEPE/USD", 25)).isTrue();
        assertThat(at25.mutedChannel("desk", 25)).isFalse();
        Controls at30 = ControlBook.at(30, cmds);
        assertThat(at30.mutedSymbol("SOL/USD", 30)).isFalse();
        assertThat(at30.mutedChannel("desk", 30)).isTrue();
        assertThat(at30.denied("PEPE/USD", 70)).isFalse(); // TTL 50 from 20
        assertThat(ControlBook.at(40, cmds)).isEqualTo(ControlBook.at(39, cmds)); // the unknown action is ignored
        assertThat(cmds.get(4).problem()).isEqualTo("unknown_action");
    }
}
