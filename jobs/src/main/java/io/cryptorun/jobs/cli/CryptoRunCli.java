package io.cryptorun.jobs.cli;


import io.cryptorun.jobs.simulate.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cryptorun} command line (the {@code ./cryptorun} launcher at the repo root calls this). */
@Command(
        name = "cryptorun",
        mixinStandardHelpOptions = true,
        version = "cryptorun 0.1.0",
        description = "Real-time crypto pre-move scanner on Apache Flink.",
        subcommands = {RunCommand.class, ReplayCommand.class, SimulateCommand.class, BenchPipelineCommand.class,
                RecordCommand.class, WsServerCommand.class, IngestCommand.class, DbCommand.class,
                NotifyCommand.class, AlertsCommand.class, ControlCommands.MuteCommand.class, ControlCommands.UnmuteCommand.class,
                ControlCommands.MutesCommand.class, ControlCommands.AllowCommand.class, ControlCommands.DenyCommand.class})
public final class CryptoRunCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j.configurationFile", "log4j2-cli.properties");
        }
        System.exit(new CommandLine(new CryptoRunCli()).execute(args));
    }
}
