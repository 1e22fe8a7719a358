package org.rollscope.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.json.JSONObject;
import org.rollscope.netcode.observer.SessionObserver;
import org.rollscope.netcode.mug.MugConnectException;
import org.rollscope.netcode.mug.MugPassword;
import org.rollscope.netcode.mug.MugSource;
import org.rollscope.netcode.observer.CommandResult;
import org.rollscope.netcode.observer.ObserverClient;
import org.rollscope.netcode.observer.ObserverConnectException;
import org.rollscope.netcode.observer.ObserverProtocol;
import org.rollscope.netcode.observer.SessionsSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rollscope ctl}: scripted control of a running relay as an observer, or observation of a MUG server through
 * its admin namespace ({@code --mug}). The subcommands live in {@link CtlSubcommands}; this class owns the two
 * groups of connection options (relay: {@code --server/--token} or {@code --ready-file}; MUG: {@code --mug} with
 * {@code --password-file} or {@code ADMIN_PASSWORD}) and the connect/report plumbing they share.
 * Exit codes: 0 done, 1 refused, unreachable or not supported by the source, 2 bad usage.
 */
@Command(
        name = "ctl",
        mixinStandardHelpOptions = true,
        description = "Watch and steer live sessions on a relay, as an observer (for scripts and fallback tests). "
                + "Needs the relay's URL and observer token, or the --ready-file 'rollscope relay' wrote. "
                + "With --mug URL, watches a MUG server instead (sessions and watch only: MUG cannot be steered); "
                + "the admin password comes from --password-file or the ADMIN_PASSWORD environment variable. "
                + "history and export read the relay's archive of past sessions.",
        subcommands = {CtlSubcommands.Sessions.class, CtlSubcommands.Watch.class, CtlSubcommands.ForceFallback.class,
                CtlSubcommands.RestoreP2p.class, CtlSubcommands.SetLink.class, CtlArchiveSubcommands.History.class,
                CtlArchiveSubcommands.Export.class})
public final class CtlCommand implements Runnable {

    /** How long to wait for the first snapshot before calling the relay unreachable. */
    static final long CONNECT_TIMEOUT_S = 10;

    @Spec
    CommandSpec spec;

    @Option(names = "--server", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The relay's URL, e.g. http://127.0.0.1:8765.")
    String server;

    @Option(names = "--token", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "The relay's observer token.")
    String token;

    @Option(names = "--ready-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Read URL and token from the file 'rollscope relay --ready-file' wrote.")
    Path readyFile;

    @Option(names = "--mug", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Observe a MUG server instead of a relay, e.g. http://lab.example.org:5702.")
    String mugUrl;

    @Option(names = "--password-file", paramLabel = "FILE", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "With --mug: a file whose first line is MUG's admin password (default: the "
                    + "ADMIN_PASSWORD environment variable).")
    Path passwordFile;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "name a subcommand: sessions, watch, force-fallback, "
                + "restore-p2p, set-link, history or export");
    }

    /** Whether the MUG options were given (checked against the relay options). */
    boolean mug(CommandSpec caller) {
        boolean relayOptions = server != null || token != null || readyFile != null;
        if (mugUrl != null && relayOptions) {
            throw new ParameterException(caller.commandLine(), "give either --server/--token (or --ready-file) "
                    + "for a relay, or --mug/--password-file for a MUG server, not both");
        }
        if (mugUrl == null && passwordFile != null) {
            throw new ParameterException(caller.commandLine(), "--password-file goes with --mug");
        }
        return mugUrl != null;
    }

    /**
     * Connects (waiting for the first snapshot) to the relay or, with {@code --mug}, the MUG server, or reports why
     * not; null when it failed (message printed). A {@link org.rollscope.netcode.mug.MugListener} also gets MUG's
     * health reports.
     */
    SessionObserver connect(CommandSpec caller, org.rollscope.netcode.observer.ObserverListener listener) {
        if (mug(caller)) {
            MugSource source = mugSource(caller);
            if (listener != null) {
                source.addListener(listener);
            }
            return await(caller, source.url(), source.connect(), source);
        }
        PrintWriter err = caller.commandLine().getErr();
        String url = server;
        String key = token;
        if (readyFile != null) {
            try {
                JSONObject ready = new JSONObject(Files.readString(readyFile));
                url = url != null ? url : ready.getString("url");
                key = key != null ? key : ready.getString("observer_token");
            } catch (IOException | RuntimeException e) {
                err.println("rollscope ctl: cannot read the ready file " + readyFile + ": " + e.getMessage());
                return null;
            }
        }
        if (url == null || key == null) {
            throw new ParameterException(caller.commandLine(), "give --server and --token, or --ready-file "
                    + "(or --mug URL for a MUG server)");
        }
        CliChecks.httpUrl(caller, server != null ? "--server" : "the ready file's url", url);
        ObserverClient client = new ObserverClient(url, key);
        if (listener != null) {
            client.addListener(listener);
        }
        return await(caller, url, client.connect(), client);
    }

    /** A MUG source for {@code --mug}, not yet connected; bad URL or no password is a usage error. */
    MugSource mugSource(CommandSpec caller) {
        try {
            return new MugSource(mugUrl, MugPassword.resolve(passwordFile, System.getenv()));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(caller.commandLine(), e.getMessage());
        }
    }

    private static SessionObserver await(CommandSpec caller, String url, CompletableFuture<SessionsSnapshot> first,
                                   SessionObserver source) {
        PrintWriter err = caller.commandLine().getErr();
        try {
            first.get(CONNECT_TIMEOUT_S, TimeUnit.SECONDS);
            return source;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            err.println("rollscope ctl: " + (cause instanceof ObserverConnectException
                    || cause instanceof MugConnectException ? cause.getMessage()
                    : "cannot connect to " + url + ": " + cause));
        } catch (TimeoutException e) {
            err.println("rollscope ctl: no answer from " + url + " within " + CONNECT_TIMEOUT_S + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        source.close();
        return null;
    }

    /** Runs one command and reports it: "ok" and 0, or the refusal on stderr and 1. */
    int runCommand(CommandSpec caller, Function<SessionObserver, CompletableFuture<CommandResult>> command) {
        // A MUG server cannot carry out any command: say so without logging in.
        SessionObserver client = mug(caller) ? mugSource(caller) : connect(caller, null);
        if (client == null) {
            return 1;
        }
        try {
            CommandResult result = command.apply(client).get(ObserverClient.DEFAULT_COMMAND_TIMEOUT.toSeconds() + 5,
                    TimeUnit.SECONDS);
            if (result.ok()) {
                caller.commandLine().getOut().println("ok");
                return 0;
            }
            caller.commandLine().getErr().println("rollscope ctl: refused: " + result.describe());
            return 1;
        } catch (ExecutionException | TimeoutException e) {
            caller.commandLine().getErr().println("rollscope ctl: no answer from the relay: " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            client.close();
        }
    }

    /** One JSON line: {"type": TYPE, ...fields of value}. */
    static String jsonLine(String type, Object value) {
        ObjectNode node = ObserverProtocol.mapper().createObjectNode().put("type", type);
        node.setAll((ObjectNode) ObserverProtocol.mapper().valueToTree(value));
        return node.toString();
    }

    /** Blocks until Ctrl-C or the deadline (0 = none). */
    static void waitFor(long seconds) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        if (seconds > 0) {
            never.await(seconds, TimeUnit.SECONDS);
        } else {
            never.await();
        }
    }

    static String pretty(SessionsSnapshot snapshot) {
        try {
            return ObserverProtocol.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(snapshot);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
