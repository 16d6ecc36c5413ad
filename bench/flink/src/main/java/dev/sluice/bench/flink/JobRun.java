package dev.sluice.bench.flink;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.runtime.executiongraph.AccessExecution;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.executiongraph.AccessExecutionVertex;
import org.apache.flink.runtime.executiongraph.ArchivedExecutionGraph;

/**
 * A finished job: its accumulators, its execution graph (per-subtask metrics and placement), the time from
 * submission until every subtask was RUNNING, and from then until the job was FINISHED.
 */
record JobRun(JobExecutionResult result, ArchivedExecutionGraph graph, double deploySeconds, double runSeconds) {

  /**
   * The JobVertex whose chain starts with the operator named {@code operatorName}: Flink names a chain "a -> b" and a
   * Sink V2 writer "name: Writer".
   */
  AccessExecutionJobVertex vertexHeadedBy(String operatorName) {
    for (AccessExecutionJobVertex vertex : graph.getVerticesTopologically()) {
      String name = vertex.getName();
      if (name.equals(operatorName) || name.startsWith(operatorName + " ->") || name.startsWith(operatorName + ":"))
        return vertex;
    }
    throw new IllegalStateException("no vertex headed by " + operatorName);
  }

  /** Records that entered the vertex's subtasks, per Flink's task I/O metrics. */
  long recordsInto(String operatorName) {
    long records = 0;
    for (AccessExecutionVertex subtask : vertexHeadedBy(operatorName).getTaskVertices())
      records += subtask.getCurrentExecutionAttempt().getIOMetrics().getNumRecordsIn();
    return records;
  }

  /** The TaskManagers that ran at least one subtask. */
  Set<String> taskManagersUsed() {
    Set<String> used = new HashSet<>();
    for (AccessExecutionVertex subtask : graph.getAllExecutionVertices()) {
      AccessExecution attempt = subtask.getCurrentExecutionAttempt();
      used.add(attempt.getAssignedResourceLocation().getResourceID().toString());
    }
    return used;
  }

  int subtasks() {
    int count = 0;
    for (AccessExecutionVertex ignored : graph.getAllExecutionVertices()) count++;
    return count;
  }
}
