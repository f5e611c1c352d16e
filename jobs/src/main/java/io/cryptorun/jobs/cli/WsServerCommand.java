package io.cryptorun.jobs.cli;

import io.cryptorun.sources.live.Venue;
import io.cryptorun.sources.live.loopback.FixtureReplay;
import io.cryptorun.sources.live.loopback.LoopbackExchange;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "ws-server", mixinStandardHelpOptions = true,
        description = "Serve recorded fixture frames as exchange WebSockets on 127.0.0.1 (paths /kraken, /coinbase, "
                + "/bitstamp, /gemini; Bitstamp REST snapshots on /api/v2/order_book/<pair>/), so that "
                + "'run --live' works offline. Prints the environment to point the live source at it.")
public final class WsServerCommand implements Callable<Integer> {
    @Option(names = "--fixture", defaultValue = "fixtures/kraken-sim", paramLabel = "<file|dir>",
            description = "Fixture to serve (default: ${DEFAULT-VALUE}).")
    Path fixture;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: an ephemeral one).")
    int port;

    @Option(names = "--speed", defaultValue = "1", description = "Pace as recorded × this factor; 0 = as fast as possible (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--keep-times", description = "Serve the recorded exchange timestamps unchanged (default: moved so the "
            + "recording starts now, as a live feed's would).")
    boolean keepTimes;

    @Option(names = "--shift-days", paramLabel = "<days>",
            description = "Move the recorded exchange timestamps by this many whole days instead (every 1m…1d bar stays "
                    + "aligned, so a bar history moved by the same days continues the recording for `run --live --history`; "
                    + "put the recording ahead of the clock, e.g. to start tomorrow, so no tick is late).")
    Integer shiftDays;

    @Override
    public Integer call() throws Exception {
        if (shiftDays != null && keepTimes) {
            throw UserError.usage("--shift-days and --keep-times exclude each other", "give one of them");
        }
        LoopbackExchange server = shiftDays != null
                ? FixtureReplay.serveShifted(fixture, port, speed, java.time.Duration.ofDays(shiftDays).toNanos() / 1_000)
                : FixtureReplay.serve(fixture, port, speed, !keepTimes);
        for (Venue v : Venue.values()) {
            System.out.printf("export %s=%s%n", v.urlEnv(), server.wsUrl("/" + v.id()));
        }
        System.out.printf("export %s=%s%n", Venue.BITSTAMP_API_BASE_ENV, server.httpBase());
        System.out.println("# serving " + fixture + " on 127.0.0.1:" + server.port() + "; Ctrl-C to stop");
        System.out.flush();
        Thread.currentThread().join(); // until interrupted
        return 0;
    }
}
