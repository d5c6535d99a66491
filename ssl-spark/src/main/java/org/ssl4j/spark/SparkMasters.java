package org.ssl4j.spark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;

/**
 * Starts SSL4J's Spark session, after checking the master URL, so that a master that cannot be
 * reached is one error before any work rather than Spark's minute of connection retries.
 *
 * <p>{@code local[N]} becomes {@code local[N,4]}: in local mode Spark retries a failed task only
 * when the master says how often, and a run's task must be retried (from its checkpoint) as on a
 * cluster, where {@code spark.task.maxFailures} is 4 by default.
 */
final class SparkMasters {

    /** How long the reachability check waits for a master's port. */
    static final int CONNECT_TIMEOUT_MS = 5_000;

    private static final Pattern LOCAL = Pattern.compile("local(\\[(\\*|\\d+)(,\\d+)?])?");

    private SparkMasters() {}

    /**
     * @param master the master URL, or empty for the one spark-submit set ({@code spark.master})
     * @param appName the application's name in Spark's UI
     * @return the session: the running one when there is one (the caller then leaves it running,
     *     see {@link #stop}), else a new one
     * @throws IllegalArgumentException naming the URL when it is malformed or its host does not
     *     answer
     */
    static SparkSession start(String master, String appName) {
        if (SparkSession.getDefaultSession().isDefined()) {
            return SparkSession.getDefaultSession().get(); // an embedding application's (or a test's) own
        }
        SparkSession.Builder builder = SparkSession.builder().appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (!master.isEmpty()) {
            builder.master(withRetries(check(master)));
        } else if (System.getProperty("spark.master") == null) {
            throw new IllegalArgumentException(
                    "--spark without a MASTER needs spark-submit's --master; give one, e.g. --spark local[2]");
        }
        SparkSession session = builder.getOrCreate();
        session.sparkContext().setLogLevel("WARN");
        return session;
    }

    /**
     * Stops a session {@link #start} created; one that was running before stays.
     *
     * @param session the session
     * @param created whether {@link #start} created it
     */
    static void stop(SparkSession session, boolean created) {
        if (created) {
            session.stop();
        }
    }

    /**
     * @return whether a session is running (one {@link #start} would return)
     */
    static boolean running() {
        return SparkSession.getDefaultSession().isDefined();
    }

    /**
     * @param master a master URL
     * @return it, checked
     * @throws IllegalArgumentException naming it and what is wrong
     */
    static String check(String master) {
        if (master.startsWith("local")) {
            if (!LOCAL.matcher(master).matches()) {
                throw new IllegalArgumentException("--spark " + master + ": not a local master; use local, local[N], local[*] or local[N,F]");
            }
            return master;
        }
        if (master.equals("yarn")) {
            return master;
        }
        String hosts;
        if (master.startsWith("spark://")) {
            hosts = master.substring("spark://".length());
        } else if (master.startsWith("k8s://")) {
            URI api = URI.create(master.substring("k8s://".length()).contains("://")
                    ? master.substring("k8s://".length()) : "https://" + master.substring("k8s://".length()));
            hosts = api.getHost() + ":" + (api.getPort() > 0 ? api.getPort() : 443);
        } else {
            throw new IllegalArgumentException("--spark " + master
                    + ": unknown master; use local[N], spark://HOST:PORT, k8s://https://HOST:PORT or yarn");
        }
        for (String hostPort : hosts.split(",")) {
            int colon = hostPort.lastIndexOf(':');
            String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
            int port;
            try {
                port = colon < 0 ? 7077 : Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--spark " + master + ": '" + hostPort + "' has no port number");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                throw new IllegalArgumentException("--spark " + master + ": cannot reach the master at " + host + ":" + port
                        + " (" + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "); is it running, and is the URL right?");
            }
        }
        return master;
    }

    private static String withRetries(String master) {
        Matcher m = LOCAL.matcher(master);
        if (m.matches() && m.group(3) == null) {
            String threads = m.group(2) == null ? "1" : m.group(2);
            return "local[" + threads + ",4]";
        }
        return master;
    }
}
