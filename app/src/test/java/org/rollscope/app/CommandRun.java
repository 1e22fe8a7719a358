package org.rollscope.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** One run of {@code ./rollscope}'s command line in-process: its exit code and what it printed. */
record CommandRun(int exit, String out, String err) {

    /** Runs {@code rollscope ARGS...} through the real picocli command line. */
    static CommandRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = commandLine(out, err).execute(args);
        return new CommandRun(exit, out.toString(), err.toString());
    }

    /** The real picocli command line printing into {@code out} and {@code err}, for a run the test watches live. */
    static CommandLine commandLine(StringWriter out, StringWriter err) {
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli;
    }

    /** Runs {@code rollscope COMMAND ARGS...}. */
    static CommandRun of(String command, String[] args) {
        String[] full = new String[args.length + 1];
        full[0] = command;
        System.arraycopy(args, 0, full, 1, args.length);
        return of(full);
    }

    /** Standard output's non-empty lines. */
    List<String> lines() {
        return Arrays.stream(out.split("\n")).filter(l -> !l.isBlank()).toList();
    }
}
