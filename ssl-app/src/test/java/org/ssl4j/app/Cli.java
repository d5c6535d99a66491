package org.ssl4j.app;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in this JVM and keeps what it printed, for the end-to-end tests. */
final class Cli {

    private Cli() {}

    /**
     * @param code the exit code
     * @param out what went to standard output
     * @param err what went to standard error
     */
    record Outcome(int code, String out, String err) {}

    /**
     * @param args the command's arguments, as after {@code ./ssl4j}
     * @return its exit code and output
     */
    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }
}
