package io.pairstream.schemas.embedded;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Entry point of the broker's child JVM: formats the KRaft log directory (idempotently), exits
 * when the parent process exits, and hands over to {@code kafka.Kafka}. Kafka's classes are called
 * reflectively so that this module needs the broker only on the run-time class path.
 */
final class BrokerProcessMain {

    private BrokerProcessMain() {
    }

    /** Arguments: server.properties path, cluster id. */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: BrokerProcessMain <server.properties> <cluster-id>");
        }
        String propertiesFile = args[0];
        String clusterId = args[1];
        exitWhenParentExits();

        Method execute = Class.forName("kafka.tools.StorageTool").getMethod("execute", String[].class, PrintStream.class);
        int formatted = (Integer) invoke(execute, new String[] {"format", "-t", clusterId, "-c", propertiesFile, "--ignore-formatted"}, System.out);
        if (formatted != 0) {
            System.err.println("formatting the KRaft log directory failed with status " + formatted);
            System.exit(formatted);
        }
        Method kafkaMain = Class.forName("kafka.Kafka").getMethod("main", String[].class);
        invoke(kafkaMain, (Object) new String[] {propertiesFile});
    }

    private static Object invoke(Method method, Object... args) throws Exception {
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ? (Exception) e.getCause() : e;
        }
    }

    /** A broker left running after its parent died would hold ports and disk; exit cleanly instead. */
    private static void exitWhenParentExits() {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> {
            System.err.println("parent process " + parent.pid() + " exited; stopping the embedded broker");
            System.exit(0);
        }));
    }
}
