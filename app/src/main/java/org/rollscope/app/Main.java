package org.rollscope.app;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The entry point of {@code ./rollscope}: one picocli command per job. Each subcommand lives in its own class in this
 * package; this class only lists them. Exit codes: 0 success, 1 the job failed, 2 bad usage.
 */
@Command(
        name = "rollscope",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Rollback netcode, session relay and live observer console for two-player MUG experiments.",
        subcommands = {
                CommandLine.HelpCommand.class,
                InspectCommand.class,
                SimulateCommand.class,
                RelayCommand.class,
                PeerCommand.class,
                CtlCommand.class,
                LoadCommand.class,
                DemoCommand.class,
                ConsoleCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared by {@link #main} and the app's tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
        // Every error is one line naming the command, never a usage dump or a stack trace: 2 for bad usage, 1 for
        // a job that failed.
        cli.setParameterExceptionHandler((e, args) -> {
            e.getCommandLine().getErr().println(e.getCommandLine().getCommandSpec().qualifiedName() + ": "
                    + e.getMessage() + " (see " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(commandLine.getCommandSpec().qualifiedName() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst()
                    .orElse("")));
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"rollscope " + (v == null ? "dev" : v)};
        }
    }
}
