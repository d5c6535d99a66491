package org.ssl4j.spark;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;

/**
 * Watches the jobs of one job group on the driver: cancels the group as soon as a condition holds
 * at the end of one of its tasks, and tells when every task of its jobs has ended. A failed or
 * cancelled job returns to its caller while its killed tasks may still be aborting their output
 * (Hadoop's {@code _temporary} files); what they wrote can be removed only after that.
 */
final class JobGroupWatch extends SparkListener {

    private static final String JOB_GROUP = "spark.jobGroup.id"; // SparkContext.SPARK_JOB_GROUP_ID

    private final SparkContext sc;
    private final String group;
    private final BooleanSupplier cancelWhen;
    private final Set<Integer> jobs = ConcurrentHashMap.newKeySet();
    private final Set<Integer> stages = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
    private int started;
    private int jobsRunning;
    private int tasksRunning;

    /**
     * @param sc the context whose jobs these are
     * @param group the job group
     * @param cancelWhen checked at each of the group's task ends; true cancels the group
     */
    JobGroupWatch(SparkContext sc, String group, BooleanSupplier cancelWhen) {
        this.sc = sc;
        this.group = group;
        this.cancelWhen = cancelWhen;
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart start) {
        if (start.properties() != null && group.equals(start.properties().getProperty(JOB_GROUP))) {
            jobs.add(start.jobId());
            for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(start.stageIds())) {
                stages.add((Integer) stage);
            }
            started++;
            jobsRunning++;
        }
    }

    @Override
    public synchronized void onJobEnd(SparkListenerJobEnd end) {
        if (jobs.contains(end.jobId())) {
            jobsRunning--;
            notifyAll();
        }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart start) {
        if (stages.contains(start.stageId())) {
            tasksRunning++;
        }
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        synchronized (this) {
            if (!stages.contains(end.stageId())) {
                return;
            }
            tasksRunning--;
            notifyAll();
        }
        if (!cancelled.get() && cancelWhen.getAsBoolean() && cancelled.compareAndSet(false, true)) {
            sc.cancelJobGroup(group);
        }
    }

    /**
     * Waits until a job of the group has started and every job and task of it has ended.
     *
     * @param millis the longest wait
     * @return whether it came to that within the wait
     */
    synchronized boolean awaitEnd(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            while (started == 0 || jobsRunning > 0 || tasksRunning > 0) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }
}
