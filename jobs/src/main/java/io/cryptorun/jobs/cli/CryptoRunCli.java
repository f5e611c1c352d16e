package io.cryptorun.jobs.cli;


import io.cryptorun.jobs.cli.EvaluateCommand;
import io.cryptorun.jobs.report.ReportCommand;
import io.cryptorun.simulator.SimulateCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine;

/** The {@code cryptorun} command line (the {@code ./cryptorun} launcher at the repo root calls this). */
@Command(
        name = "cryptorun",
        mixinStandardHelpOptions = true,
        version = "cryptorun 0.1.0",
        description = "Real-time crypto pre-move scanner on Apache Flink.",
        footer = {"", "Errors print one line 'cryptorun: error: <what> (<hint>)' and exit 2 (usage) or 1 (runtime); "
                + "--verbose adds the stack trace. See docs/GETTING_STARTED.md."},
        subcommands = {RunCommand.class, ReplayCommand.class, SimulateCommand.class, BenchPipelineCommand.class,
                RecordCommand.class, WsServerCommand.class, IngestCommand.class, DbCommand.class,
                ReportCommand.class, EvaluateCommand.class, io.cryptorun.jobs.cli.ReplicationCommand.class,
                NotifyCommand.class, AlertsCommand.class, ControlCommands.MuteCommand.class, ControlCommands.UnmuteCommand.class,
                ControlCommands.MutesCommand.class, ControlCommands.AllowCommand.class, ControlCommands.DenyCommand.class,
                HealthCommand.class, JsonCommand.class, FlinkRestCommand.class, VerifyRestoreCommand.class,
                VerifySqlResultsCommand.class,
                UniverseCommand.class})
public final class CryptoRunCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = CliErrors.VERBOSE, scope = ScopeType.INHERIT,
            description = "On an error, also print its stack trace.")
    boolean verbose;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /**
     * How failures read to a user. Another exception type with a message of its own is one more
     * line here, e.g. {@code .on(BadConfigValue.class, e -> UserError.usage(e.getMessage(), "fix config/cryptorun.yaml"))};
     * it wins over the broad {@code IllegalArgumentException} translation even when it extends it.
     */
    static CliErrors errors() {
        return CliErrors.standard()
                .on(io.cryptorun.jobs.settings.InvalidSettingsException.class,
                        e -> UserError.usage(e.getMessage(), "fix it in config/cryptorun.yaml or the file given with --config"));
    }

    /** The command line with its error handlers, as {@link #main} runs it (tests run it the same way). */
    public static CommandLine commandLine() {
        CliErrors errors = errors();
        return new CommandLine(new CryptoRunCli())
                .setExecutionExceptionHandler(errors)
                .setParameterExceptionHandler(errors)
                .setExecutionStrategy(CryptoRunCli::execute);
    }

    /**
     * picocli ignores an unknown word when help was asked for as well ({@code cryptorun frobnicate
     * --help} would print the help and exit 0): an unknown command is an error whatever follows it.
     */
    private static int execute(CommandLine.ParseResult pr) {
        CommandLine.ParseResult last = pr;
        while (last.hasSubcommand()) last = last.subcommand();
        if (!last.unmatched().isEmpty()) {
            throw new CommandLine.UnmatchedArgumentException(last.commandSpec().commandLine(), last.unmatched());
        }
        return new CommandLine.RunLast().execute(pr);
    }

    public static void main(String[] args) {
        if (System.getProperty("log4j.configurationFile") == null) {
            System.setProperty("log4j.configurationFile", "log4j2-cli.properties");
        }
        System.exit(commandLine().execute(args));
    }
}
