package io.pairstream.curator.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code ./pairstream} command line: dispatches to one command per verb. */
public final class PairstreamCli {

    /** Exit status of a usage error (unknown command or flag, bad value). */
    static final int USAGE = 2;

    private static final Map<String, Function<List<String>, Command>> COMMANDS = Map.of(
            "demo", DemoCommand::parse);

    private PairstreamCli() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.println(usage());
            return args.length == 0 ? USAGE : 0;
        }
        Function<List<String>, Command> parser = COMMANDS.get(args[0]);
        if (parser == null) {
            err.println("pairstream: unknown command '" + args[0] + "'\n\n" + usage());
            return USAGE;
        }
        Command command;
        try {
            command = parser.apply(Arrays.asList(args).subList(1, args.length));
        } catch (UsageException e) {
            err.println("pairstream " + args[0] + ": " + e.getMessage());
            return USAGE;
        }
        return command.run(out);
    }

    static String usage() {
        return """
                usage: ./pairstream <command> [options]

                commands:
                  demo     start the embedded Kafka broker and Schema Registry, set up pairstream's topics
                           and schemas, and run the curation pipeline on the bundled sample
                  help     show this text; '<command> --help' shows a command's options
                """;
    }

    /** A parsed command, ready to run. */
    interface Command {
        /** Runs to completion and returns the process exit status. */
        int run(PrintStream out);
    }

    /** A command line the user must fix; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
