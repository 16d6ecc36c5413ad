package dev.sluice.flink.js;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.RuntimeContext;

/** What Sluice's RuntimeContext tells a user function about the subtask running it. */
public record TaskInfo(int subtaskIndex, int parallelism, int maxParallelism, int attemptNumber, String taskName) {
  /** Flink names a task's thread "<task name> (<subtask + 1>/<parallelism>)#<attempt>". */
  private static final Pattern TASK_THREAD = Pattern.compile("^(.*) \\((\\d+)/(\\d+)\\)#(\\d+)$");

  public static TaskInfo of(RuntimeContext context) {
    var info = context.getTaskInfo();
    return new TaskInfo(
        info.getIndexOfThisSubtask(),
        info.getNumberOfParallelSubtasks(),
        info.getMaxNumberOfParallelSubtasks(),
        info.getAttemptNumber(),
        info.getTaskName());
  }

  /**
   * For functions Flink gives no RuntimeContext (timestamp assigners, window aggregates): the task's own
   * thread name carries the same facts.
   */
  public static TaskInfo ofTaskThread(int maxParallelism) {
    Matcher m = TASK_THREAD.matcher(Thread.currentThread().getName());
    if (!m.matches()) return new TaskInfo(0, 1, maxParallelism, 0, Thread.currentThread().getName());
    return new TaskInfo(
        Integer.parseInt(m.group(2)) - 1,
        Integer.parseInt(m.group(3)),
        maxParallelism,
        Integer.parseInt(m.group(4)),
        m.group(1));
  }
}
