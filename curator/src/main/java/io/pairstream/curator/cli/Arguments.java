package io.pairstream.curator.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * Walks a command's arguments flag by flag, turning a missing or malformed value into a
 * {@link PairstreamCli.UsageException} that names the flag and ends with the command's help.
 */
final class Arguments {

    private final List<String> args;
    private final String help;
    private int position;

    Arguments(List<String> args, String help) {
        this.args = args;
        this.help = help;
    }

    boolean hasNext() {
        return position < args.size();
    }

    /** The next flag; {@code --help} and {@code -h} end parsing with the help text. */
    String nextFlag() {
        String flag = args.get(position++);
        if (flag.equals("--help") || flag.equals("-h")) {
            throw new PairstreamCli.UsageException("\n" + help);
        }
        return flag;
    }

    /** The value after {@code flag}. */
    String value(String flag) {
        if (position >= args.size()) {
            throw problem(flag + " needs a value");
        }
        return args.get(position++);
    }

    Path path(String flag) {
        return Path.of(value(flag));
    }

    long longValue(String flag, long min) {
        String text = value(flag);
        try {
            long value = Long.parseLong(text);
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw problem(flag + " needs a whole number of at least " + min + ", not '" + text + "'");
    }

    double positiveDouble(String flag) {
        String text = value(flag);
        try {
            double value = Double.parseDouble(text);
            if (value > 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw problem(flag + " needs a positive number, not '" + text + "'");
    }

    /** A usage error about this command, followed by its help. */
    PairstreamCli.UsageException problem(String message) {
        return new PairstreamCli.UsageException(message + "\n\n" + help);
    }

    PairstreamCli.UsageException unknown(String flag) {
        return problem("unknown option '" + flag + "'");
    }
}
