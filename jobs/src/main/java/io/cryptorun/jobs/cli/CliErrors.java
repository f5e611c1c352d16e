package io.cryptorun.jobs.cli;

import io.cryptorun.sources.fixture.InvalidFixtureException;
import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns whatever a command throws into the one line a person can act on (SPEC §11): picocli's
 * parameter-exception handler for wrong options (exit 2) and its execution-exception handler for
 * everything the commands throw. The exception and its causes are matched against the translators
 * in registration order (the first translator that matches anywhere in the cause chain wins, so a
 * {@link BindException} deep inside Flink's start-up failure still reads as a busy port); anything
 * unknown is still one line, with a pointer to {@code --verbose}. The stack trace goes to stderr
 * only with {@code --verbose}, and to the log at DEBUG.
 *
 * <p>A new exception type is one line: {@code .on(MyException.class, e -> UserError.usage(...))}
 * in {@link CryptoRunCli#errors()}; it wins over the broad {@code IllegalArgumentException} and
 * {@code FileSystemException} translations even if it extends them.
 */
public final class CliErrors implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);
    /** The option that shows stack traces (inherited by every command). */
    public static final String VERBOSE = "--verbose";

    private final Map<Class<? extends Throwable>, Function<Throwable, UserError>> translators = new LinkedHashMap<>();
    /** Consulted after {@link #translators}: broad types that more specific ones (registered later too) must beat. */
    private final Map<Class<? extends Throwable>, Function<Throwable, UserError>> broad = new LinkedHashMap<>();

    /** Registers how an exception type reads to a user; earlier registrations take precedence. */
    public <T extends Throwable> CliErrors on(Class<T> type, Function<? super T, UserError> translate) {
        translators.put(type, cast(type, translate));
        return this;
    }

    /** Like {@link #on}, for a broad type: tried only when no {@link #on} translator matches. */
    public <T extends Throwable> CliErrors onBroad(Class<T> type, Function<? super T, UserError> translate) {
        broad.put(type, cast(type, translate));
        return this;
    }

    private static <T extends Throwable> Function<Throwable, UserError> cast(Class<T> type, Function<? super T, UserError> f) {
        return t -> f.apply(type.cast(t));
    }

    /** The translations every command shares. */
    public static CliErrors standard() {
        return new CliErrors()
                .on(UserError.class, e -> e)
                .on(BindException.class, e -> UserError.runtime("a port is already in use: " + e.getMessage(),
                        "another cryptorun run or a local cluster holds it; pass --web-port or set CRYPTORUN_WEB_PORT", e))
                .on(SQLException.class, Preflight::postgresError)
                .on(InvalidFixtureException.class, e -> new UserError(UserError.USAGE,
                        "invalid replay input: " + String.join("; ", e.problems()),
                        "check --fixtures/--history; `./cryptorun simulate` writes a valid fixture directory", e))
                .on(AccessDeniedException.class, e -> UserError.runtime("permission denied: " + e.getFile(),
                        "choose a directory you can write, e.g. --out ./data", e))
                .on(NoSuchFileException.class, e -> new UserError(UserError.USAGE, "no such file or directory: " + e.getFile(),
                        "check the path (relative paths start from the current directory)", e))
                .onBroad(FileSystemException.class, e -> UserError.runtime(String.valueOf(e.getMessage()),
                        "check the path and its permissions", e))
                .onBroad(IllegalArgumentException.class, e -> new UserError(UserError.USAGE, String.valueOf(e.getMessage()),
                        "see --help", e));
    }

    /** The user error a failure reads as; unknown failures become a generic one-liner. */
    public UserError translate(Throwable t) {
        List<Throwable> chain = causes(t);
        for (Map<Class<? extends Throwable>, Function<Throwable, UserError>> tier : List.of(translators, broad)) {
            for (Map.Entry<Class<? extends Throwable>, Function<Throwable, UserError>> e : tier.entrySet()) {
                for (Throwable c : chain) {
                    if (e.getKey().isInstance(c)) return e.getValue().apply(c);
                }
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getClass().getSimpleName() + ": " + root.getMessage();
        return UserError.runtime(msg, "unexpected; run again with " + VERBOSE + " for the stack trace", t);
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        return report(ex, cmd, parseResult.originalArgs());
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        String help = "see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        UserError e;
        if (ex instanceof UnmatchedArgumentException u && cmd.getCommandSpec().parent() == null
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            e = new UserError(UserError.USAGE, "unknown command '" + u.getUnmatched().get(0) + "'",
                    "commands: " + String.join(", ", cmd.getSubcommands().keySet()) + "; " + help, ex);
        } else {
            e = new UserError(UserError.USAGE, String.valueOf(ex.getMessage()), help, ex);
        }
        return report(e, cmd, Arrays.asList(args));
    }

    private int report(Throwable ex, CommandLine cmd, List<String> args) {
        UserError e = translate(ex);
        PrintWriter err = cmd.getErr();
        err.println(e.exitCode() == UserError.INTERRUPTED ? "cryptorun: " + e.getMessage() : e.line());
        if (args.contains(VERBOSE)) {
            ex.printStackTrace(err);
        }
        err.flush();
        LOG.debug("{}", e.line(), ex);
        return e.exitCode();
    }

    private static List<Throwable> causes(Throwable t) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable c = t; c != null && !chain.contains(c); c = c.getCause()) chain.add(c);
        return chain;
    }

    /** The first exception of a type in a cause chain. */
    static <T extends Throwable> Optional<T> find(Throwable t, Class<T> type) {
        return causes(t).stream().filter(type::isInstance).map(type::cast).findFirst();
    }
}
