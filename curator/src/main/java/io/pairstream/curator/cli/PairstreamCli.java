package io.pairstream.curator.cli;

import io.pairstream.curator.model.train.EvaluateMiniClip;
import io.pairstream.curator.model.train.TrainMiniClip;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The {@code ./pairstream} command line: dispatches to one command per verb. */
public final class PairstreamCli {

    /** Exit status of a usage error (unknown command or flag, bad value). */
    static final int USAGE = 2;

    private static final String TRAIN_HELP = """
            usage: ./pairstream train-mini-clip [--steps 1500] [--batch 256] [--lr 0.003] [--seed 42]
                                                [--fashion DIR] [--emoji DIR] [--out DIR]

            Trains pairstream-mini-clip's image tower against the frozen MiniLM text tower (seeded, one
            PyTorch thread, a few minutes on 2 cores) and writes its parameters. Needs the data sets:
              apt-get install -y dataset-fashion-mnist
              cd /tmp && npm pack emoji-datasource-google@16.0.0 && tar xzf emoji-datasource-google-16.0.0.tgz
            """;

    private static final String EVALUATE_HELP = """
            usage: ./pairstream evaluate-mini-clip [--weights FILE] [--fashion DIR] [--emoji DIR]

            Zero-shot accuracy on the Fashion-MNIST test split and image-to-text recall@1/@5 on the
            held-out emoji, for the shipped model or the parameters in FILE.
            """;

    private static final Map<String, CommandParser> COMMANDS = Map.of(
            "demo", (args, environment) -> DemoCommand.parse(args),
            "ingest", IngestCommand::parse,
            "tail", TailCommand::parse,
            "train-mini-clip", tool(TRAIN_HELP, args -> {
                // One thread makes the run reproducible and, on a shared 2-core machine, faster.
                System.setProperty("ai.djl.pytorch.num_threads", System.getProperty("ai.djl.pytorch.num_threads", "1"));
                System.setProperty("ai.djl.pytorch.num_interop_threads", System.getProperty("ai.djl.pytorch.num_interop_threads", "1"));
                TrainMiniClip.main(args);
            }),
            "evaluate-mini-clip", tool(EVALUATE_HELP, EvaluateMiniClip::main));

    private PairstreamCli() {
    }

    /** The one place the process environment is read; commands get it as a map. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
            out.println(usage());
            return args.length == 0 ? USAGE : 0;
        }
        CommandParser parser = COMMANDS.get(args[0]);
        if (parser == null) {
            err.println("pairstream: unknown command '" + args[0] + "'\n\n" + usage());
            return USAGE;
        }
        Command command;
        try {
            command = parser.parse(Arrays.asList(args).subList(1, args.length), environment);
        } catch (UsageException e) {
            err.println("pairstream " + args[0] + ": " + e.getMessage());
            return USAGE;
        }
        return command.run(out, err);
    }

    static String usage() {
        return """
                usage: ./pairstream <command> [options]

                commands:
                  demo                 start the embedded Kafka broker and Schema Registry, set up
                                       pairstream's topics and schemas, and run the curation pipeline
                                       on the bundled sample
                  ingest               publish image-caption pairs to pairs.raw from a captioned
                                       folder, a WebDataset tar, Fashion-MNIST or the emoji set
                  tail                 follow pairs.positive (or pairs.rejected, curation.metrics,
                                       pairs.dlq) and print one readable line per record
                  train-mini-clip      reproduce the weights of the bundled pairstream-mini-clip
                  evaluate-mini-clip   measure the mini-CLIP's zero-shot accuracy and retrieval recall
                  help                 show this text; '<command> --help' shows a command's options
                """;
    }

    private static CommandParser tool(String help, ToolCommand.Tool tool) {
        Function<List<String>, Command> parser = ToolCommand.parser(help, tool);
        return (args, environment) -> parser.apply(args);
    }

    /** Turns a verb's arguments, with the process environment, into a command; a {@link UsageException} says what is wrong. */
    @FunctionalInterface
    interface CommandParser {
        Command parse(List<String> args, Map<String, String> environment);
    }

    /** A parsed command, ready to run. */
    interface Command {
        /** Runs to completion and returns the process exit status. */
        int run(PrintStream out, PrintStream err);
    }

    /** A command line the user must fix; the message says what is wrong. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
