package io.cryptorun.jobs.cli;

/**
 * A mistake the person at the keyboard can fix: printed as the single line
 * {@code cryptorun: error: <what> (<hint>)} and the process exits with {@link #exitCode()}
 * ({@link #USAGE} for a wrong option or input, {@link #RUNTIME} for a service or file that is not
 * as the command needs it). The stack trace is shown only with {@code --verbose}.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** A wrong option, argument or input file. */
    public static final int USAGE = 2;
    /** Something outside the command line: an unreachable service, a busy port, an unwritable directory. */
    public static final int RUNTIME = 1;
    /** Interrupted by the user (Ctrl-C), as a shell reports SIGINT. */
    public static final int INTERRUPTED = 130;

    private final String what;
    private final String hint;
    private final int exitCode;

    public UserError(int exitCode, String what, String hint, Throwable cause) {
        super(what + (hint == null || hint.isEmpty() ? "" : " (" + hint + ")"), cause);
        this.what = what;
        this.hint = hint;
        this.exitCode = exitCode;
    }

    public static UserError usage(String what, String hint) {
        return new UserError(USAGE, what, hint, null);
    }

    public static UserError runtime(String what, String hint, Throwable cause) {
        return new UserError(RUNTIME, what, hint, cause);
    }

    public String what() {
        return what;
    }

    public String hint() {
        return hint;
    }

    public int exitCode() {
        return exitCode;
    }

    /** The one line printed on stderr: newlines of nested messages folded, so it stays one line. */
    public String line() {
        return "cryptorun: error: " + getMessage().replaceAll("\\s*\\R\\s*", "; ");
    }
}
