package io.pairstream.curator.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Function;

/** A verb that runs one of the model tools (training, evaluation) with the remaining arguments. */
final class ToolCommand implements PairstreamCli.Command {

    /** A tool's entry point. */
    @FunctionalInterface
    interface Tool {
        void run(String[] args) throws Exception;
    }

    private final Tool tool;
    private final String[] args;

    private ToolCommand(Tool tool, String[] args) {
        this.tool = tool;
        this.args = args;
    }

    /** A parser for a tool verb; {@code --help} prints {@code help}. */
    static Function<List<String>, PairstreamCli.Command> parser(String help, Tool tool) {
        return args -> {
            if (args.contains("--help") || args.contains("-h")) {
                throw new PairstreamCli.UsageException("\n" + help);
            }
            return new ToolCommand(tool, args.toArray(String[]::new));
        };
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        try {
            tool.run(args);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("pairstream: " + e.getMessage());
            return PairstreamCli.USAGE;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
