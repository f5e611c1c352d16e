package io.cryptorun.jobs.cli;

import io.cryptorun.functions.alerts.ControlBook;
import io.cryptorun.functions.alerts.ControlCommand;
import io.cryptorun.functions.alerts.Controls;
import io.cryptorun.functions.alerts.ListEntry;
import io.cryptorun.functions.alerts.Mute;
import io.cryptorun.jobs.notify.Templates;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cryptorun mute|unmute|mutes|allow|deny}: the control topic from the command line (SPEC §9, docs/ALERTS.md). */
public final class ControlCommands {
    private ControlCommands() {}

    /** A symbol (positional) or {@code --channel C}, exactly one. */
    static final class Target {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SYMBOL", description = "Symbol, e.g. BCH/USD.")
        String symbol;

        @Option(names = "--channel", paramLabel = "C",
                description = "A channel instead of a symbol: a throttle channel (e.g. default) or a notifier destination (e.g. slack:desk).")
        String channel;

        String scope(CommandLine cmd) {
            if ((symbol == null) == (channel == null)) {
                throw new CommandLine.ParameterException(cmd, "give a SYMBOL or --channel C (exactly one)");
            }
            return symbol != null ? ControlCommand.SCOPE_SYMBOL : ControlCommand.SCOPE_CHANNEL;
        }

        String target() {
            return symbol != null ? symbol : channel;
        }
    }

    /** mute/unmute: a symbol or channel, a reason, an event time. */
    abstract static class TargetCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ControlCli cli = new ControlCli();

        @Mixin
        Target target = new Target();

        @Option(names = "--reason", description = "Why (kept in the topic, shown by `mutes`).")
        String reason;

        @Option(names = "--at", paramLabel = "<instant>", description = "Event time it applies from (ISO-8601; default: now).")
        String at;

        abstract String action();

        long ttlSeconds(CommandLine cmd) {
            return 0;
        }

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            String scope = target.scope(cmd);
            cli.send(cmd, target.target(), ControlCli.message(ControlCli.micros(ControlCli.at(cmd, at)), action(), scope,
                    target.target(), ttlSeconds(cmd), cli.user, reason));
            return 0;
        }
    }

    @Command(name = "mute", mixinStandardHelpOptions = true,
            description = "Mute a symbol or a channel (written to cryptorun.control; the scanner and the notifier obey it).")
    public static final class MuteCommand extends TargetCommand {
        @Option(names = "--ttl", paramLabel = "<duration>", description = "How long (e.g. 30m, 4h, 2d); default: until unmute.")
        String ttl;

        @Override
        String action() {
            return ControlCommand.MUTE;
        }

        @Override
        long ttlSeconds(CommandLine cmd) {
            return ControlCli.ttlSeconds(cmd, ttl);
        }
    }

    @Command(name = "unmute", mixinStandardHelpOptions = true, description = "Lift a symbol or channel mute.")
    public static final class UnmuteCommand extends TargetCommand {
        @Override
        String action() {
            return ControlCommand.UNMUTE;
        }
    }

    /** allow/deny share everything but the action. */
    abstract static class ListCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ControlCli cli = new ControlCli();

        @Parameters(index = "0", paramLabel = "SYMBOL")
        String symbol;

        @Option(names = "--ttl", paramLabel = "<duration>", description = "How long (e.g. 4h); default: until removed.")
        String ttl;

        @Option(names = "--remove", description = "Take the symbol off the list instead.")
        boolean remove;

        @Option(names = "--reason", description = "Why (kept in the topic).")
        String reason;

        @Option(names = "--at", paramLabel = "<instant>", description = "Event time it applies from (ISO-8601; default: now).")
        String at;

        private final String action;
        private final String undo;

        ListCommand(String action, String undo) {
            this.action = action;
            this.undo = undo;
        }

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            if (remove && ttl != null) throw new CommandLine.ParameterException(cmd, "--remove takes no --ttl");
            cli.send(cmd, symbol, ControlCli.message(ControlCli.micros(ControlCli.at(cmd, at)), remove ? undo : action,
                    ControlCommand.SCOPE_SYMBOL, symbol, remove ? 0 : ControlCli.ttlSeconds(cmd, ttl), cli.user, reason));
            return 0;
        }
    }

    @Command(name = "allow", mixinStandardHelpOptions = true,
            description = "Put a symbol on the allow list (while the list has an entry, only listed symbols alert).")
    public static final class AllowCommand extends ListCommand {
        public AllowCommand() {
            super(ControlCommand.ALLOW, ControlCommand.UNALLOW);
        }
    }

    @Command(name = "deny", mixinStandardHelpOptions = true, description = "Put a symbol on the deny list (it never alerts; wins over allow).")
    public static final class DenyCommand extends ListCommand {
        public DenyCommand() {
            super(ControlCommand.DENY, ControlCommand.UNDENY);
        }
    }

    @Command(name = "mutes", mixinStandardHelpOptions = true,
            description = "The mutes and allow/deny entries in force (from cryptorun.control), with expiry, user and reason.")
    public static final class MutesCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        ControlCli cli = new ControlCli();

        @Option(names = "--at", paramLabel = "<instant>", description = "As of this event time (ISO-8601; default: now).")
        String at;

        @Override
        public Integer call() throws Exception {
            CommandLine cmd = spec.commandLine();
            long t = ControlCli.micros(ControlCli.at(cmd, at));
            List<ControlCli.Entry> entries = cli.readAll(cmd);
            for (String line : render(entries, t)) cmd.getOut().println(line);
            cmd.getOut().flush();
            return 0;
        }

        /** One line per active entry: kind, target, expiry, and the user and reason of the command that set it. */
        static List<String> render(List<ControlCli.Entry> entries, long t) {
            List<ControlCommand> commands = entries.stream().map(ControlCli.Entry::command).toList();
            Controls c = ControlBook.at(t, commands);
            List<String> out = new ArrayList<>();
            for (Mute m : c.mutes()) {
                if (m.activeAt(t)) {
                    out.add(line("mute " + m.kind().name().toLowerCase(), m.target(), m.expiresMicros(),
                            origin(entries, ControlCommand.MUTE, m.target(), t)));
                }
            }
            for (ListEntry e : c.allow()) {
                if (e.activeAt(t)) out.add(line("allow", e.symbol(), e.expiresMicros(), origin(entries, ControlCommand.ALLOW, e.symbol(), t)));
            }
            for (ListEntry e : c.deny()) {
                if (e.activeAt(t)) out.add(line("deny", e.symbol(), e.expiresMicros(), origin(entries, ControlCommand.DENY, e.symbol(), t)));
            }
            if (out.isEmpty()) out.add("no active mutes, allow or deny entries");
            return out;
        }

        private static ControlCli.Entry origin(List<ControlCli.Entry> entries, String action, String target, long t) {
            ControlCli.Entry last = null;
            for (ControlCli.Entry e : entries) {
                ControlCommand c = e.command();
                if (action.equals(c.action()) && target.equals(c.target()) && c.tsMicros() <= t && c.problem() == null) last = e;
            }
            return last;
        }

        private static String line(String kind, String target, long expires, ControlCli.Entry origin) {
            String until = expires == Mute.FOREVER ? "until undone" : "until " + Templates.instant(expires);
            String by = origin == null ? "" : "  by " + origin.command().user() + (origin.reason() == null ? "" : ": " + origin.reason());
            return String.format("%-13s %-16s %s%s", kind, target, until, by);
        }
    }
}
