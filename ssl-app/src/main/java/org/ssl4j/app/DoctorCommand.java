package org.ssl4j.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.ssl4j.runtime.engine.EngineReport;
import org.ssl4j.runtime.registry.PluginRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ssl4j doctor}: prints what this process computes on, one fact a line (see {@link
 * EngineReport#lines()}), so a GPU setup can be checked before a run. Exits 0 when the engine
 * loaded, 1 when it did not (the report then says why).
 */
@Command(
        name = "doctor",
        description = "Show the Java, DJL and libtorch this process runs on, its GPUs, threads and settings, and which executors can run here.")
final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        EngineReport report = EngineReport.collect(PluginRegistry.loadDefault());
        PrintWriter out = spec.commandLine().getOut();
        report.lines().forEach(out::println);
        return report.engine() == null ? Main.RUN_FAILED : 0;
    }
}
