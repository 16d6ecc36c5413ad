/**
 * The editor's single store: the JobGraph being edited (source of truth for the canvas), the
 * selection, what validation and the planner derive from the graph, and the live state of the
 * running job and the cluster. Derived parts are recomputed on every graph change, so no view
 * ever shows problems or a plan of an older graph.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { validateJobGraph, type JobGraph, type OperatorKind } from '@sluice/model';
import { planExecutionGraph, type ExecutionGraph } from '@sluice/planner';
import type {
  CheckpointingStatistics,
  JobDetails,
  JobExceptionsInfo,
  Problem,
  RuntimeEvent,
  SavepointStatus,
  TaskManagerInfo,
} from '@sluice/protocol';
import * as edit from '../graph/edit';
import { samePipeline } from '../graph/same-pipeline';
import { locateProblems, type LocatedProblems } from '../graph/problems';
import type { Selection } from '../graph/flow';
import * as undoHistory from '../actions/undo-history';
import { selectionIn } from '../actions/selection';
import {
  applyCheckpointSnapshot,
  applyExceptionsSnapshot,
  applyJobDetails,
  applyJobEvent,
  newLiveJob,
  type LiveJob,
} from '../runtime/live-job';
import {
  applyClusterEvent,
  clusterFromInfo,
  liveTaskManagers,
  slotsTakenBy,
  type ClusterView,
} from '../runtime/cluster';
import { applyNetworkEvent, emptyNetworkView, type NetworkView } from '../network/network-view';
import { applyTaskManagerFigures, taskManagerFiguresFromInfo, type TaskManagerFigures } from '../network/buffer-pools';
import * as savepoints from '../checkpoints/savepoint-operation';

export interface Derived {
  problems: Problem[];
  located: LocatedProblems;
  /** The physical plan of the graph when it is valid. */
  plan: ExecutionGraph | null;
  /** The planner's own error on a graph validation accepted (a planner bug or a gap in validation). */
  planError: string | null;
}

export function derive(jobGraph: JobGraph): Derived {
  const result = validateJobGraph(jobGraph);
  const located = locateProblems(jobGraph, result.problems);
  if (!result.ok) return { problems: result.problems, located, plan: null, planError: null };
  try {
    return { problems: [], located, plan: planExecutionGraph(result.jobGraph), planError: null };
  } catch (error) {
    return { problems: [], located, plan: null, planError: error instanceof Error ? error.message : String(error) };
  }
}

export interface EditorState extends Derived {
  jobGraph: JobGraph;
  selection: Selection | null;
  /** Problems the server answered a submission with (400), shown until the graph changes. */
  serverProblems: Problem[];
  job: LiveJob | null;
  /** The job's network figures: backpressure, throughput, channels (see network/). */
  network: NetworkView | null;
  /** Between Run and the server's answer, so Run cannot submit the same graph twice. */
  submitting: boolean;
  /** A submission that did not reach the cluster (network error, server error). */
  jobError: string | null;
  /** Why Run found no Dispatcher to submit to (no server, or a static host serving the app); null when it did. */
  dispatcherUnreachable: string | null;
  cluster: ClusterView;
  /** Each TaskManager's buffer pool and memory, as last reported. */
  taskManagerFigures: TaskManagerFigures;
  /**
   * The most slots the current job held at once. A short job frees its slots within moments; this
   * keeps what the cluster really gave it visible after the fact.
   */
  slotsPeak: number;
  clusterError: string | null;
  /** The savepoint operation the checkpoints panel follows (the latest one asked for this session). */
  savepoint: savepoints.SavepointOperation | null;
  /** The newest savepoint completed this session: what "Resume from savepoint" starts the canvas's graph from. */
  savepointLocation: string | null;
  /** The savepoint the current job was submitted from; null for a job started from the beginning. */
  resumedFrom: string | null;

  /**
   * The key selector of the palette's keyBy: in Flink keyBy is not an operator but how the next edge partitions, so
   * the next edge made (by connecting or click-to-add) becomes a hash edge with this key; null when not armed.
   */
  keyByNext: string | null;
  armKeyBy: (key: string | null) => void;
  /** How many graphs were loaded (examples, files, imports): other stores forget the previous job when it ticks. */
  loadedGraphs: number;

  /** Undo/redo of every graph edit (actions/undo-history.ts). */
  history: undoHistory.UndoHistory;
  /** A graph built by an editor action (paste, duplicate, nudge...) applied as one undoable edit. */
  applyGraphEdit: (jobGraph: JobGraph, selection: Selection | null) => void;
  undo: () => void;
  redo: () => void;
  loadJobGraph: (jobGraph: JobGraph) => void;
  renameJob: (name: string) => void;
  addOperator: (kind: OperatorKind, position: edit.Position) => string;
  /**
   * Click-to-add: the new operator, connected from the selected operator when that one can feed it (not a sink,
   * and the new one is not a source), as one undoable edit; the new operator is selected, so clicks chain.
   */
  appendOperator: (kind: OperatorKind, position: edit.Position) => string;
  connect: (source: string, target: string) => boolean;
  removeElements: (operatorIds: readonly string[], edgeIndices: readonly number[]) => void;
  deleteSelection: () => void;
  updateOperator: (id: string, patch: edit.OperatorPatch) => void;
  setParam: (id: string, name: string, value: unknown) => void;
  updateEdge: (index: number, patch: edit.EdgePatch) => void;
  /** `dragging`: more frames of the same drag follow; the whole drag is one undo step. */
  moveOperators: (positions: Readonly<Record<string, edit.Position>>, dragging: boolean) => void;
  select: (selection: Selection | null) => void;

  jobSubmitting: () => void;
  /** `savepointPath`: the job was submitted with ?savepointPath= (resumed from a savepoint). */
  jobSubmitted: (jobId: string, executionGraph: ExecutionGraph, savepointPath?: string) => void;
  /** The live connection (re)subscribed: the server replays the job from its start. */
  jobResubscribed: () => void;
  jobRejected: (problems: Problem[]) => void;
  jobSubmitFailed: (reason: string) => void;
  jobSubmitUnreachable: (reason: string) => void;
  jobDetailsReceived: (details: JobDetails) => void;
  /** GET /jobs/:id/checkpoints and /exceptions answered for the job. */
  checkpointsReceived: (jobId: string, statistics: CheckpointingStatistics) => void;
  exceptionsReceived: (jobId: string, exceptions: JobExceptionsInfo) => void;
  runtimeEvent: (event: RuntimeEvent) => void;
  clusterReceived: (infos: readonly TaskManagerInfo[]) => void;
  clusterUnreachable: (reason: string) => void;
  savepointRequested: (kind: savepoints.SavepointKind, jobId: string) => void;
  savepointAccepted: (requestId: string) => void;
  savepointStatusReceived: (requestId: string, status: SavepointStatus) => void;
  savepointRequestFailed: (reason: string) => void;
}

/** The editor's state about the job of the canvas's graph, as it is before that graph ever ran. */
const NO_JOB = {
  job: null,
  network: null,
  jobError: null,
  slotsPeak: 0,
  savepoint: null,
  savepointLocation: null,
  resumedFrom: null,
} satisfies Partial<EditorState>;

export function createEditorStore(initial: JobGraph): StoreApi<EditorState> {
  return createStore<EditorState>()((set, get) => {
    /**
     * Every graph change goes through here so the derived state always matches the graph and every edit can be
     * undone; edits of one `gesture` (keystrokes into one field) are one undo step.
     */
    const changeGraph = (
      jobGraph: JobGraph,
      selection: Selection | null = get().selection,
      gesture: string | null = null,
    ) =>
      set({
        jobGraph,
        selection,
        serverProblems: [],
        history: undoHistory.recordEdit(get().history, get().jobGraph, gesture),
        ...rederive(jobGraph),
      });

    // A layout moves operators only: the same plan object keeps what follows it (the step session) where it is.
    const rederive = (jobGraph: JobGraph): Partial<Derived> =>
      samePipeline(get().jobGraph, jobGraph) ? {} : derive(jobGraph);

    const restore = (step: { history: undoHistory.UndoHistory; jobGraph: JobGraph } | null) => {
      if (step)
        set({
          ...step,
          selection: selectionIn(step.jobGraph, get().selection),
          serverProblems: [],
          ...rederive(step.jobGraph),
        });
    };

    const keyedEdge = (): { partitioner: 'hash'; key: string } | null => {
      const key = get().keyByNext;
      return key === null ? null : { partitioner: 'hash', key };
    };

    const withCluster = (cluster: ClusterView, rest: Partial<EditorState>) => {
      const jobId = (rest.job ?? get().job)?.jobId;
      const slotsPeak = jobId === undefined ? get().slotsPeak : Math.max(get().slotsPeak, slotsTakenBy(cluster, jobId));
      set({ ...rest, cluster, slotsPeak });
    };

    return {
      jobGraph: initial,
      selection: null,
      serverProblems: [],
      ...NO_JOB,
      loadedGraphs: 0,
      keyByNext: null,
      submitting: false,
      dispatcherUnreachable: null,
      cluster: {},
      taskManagerFigures: {},
      clusterError: null,
      ...derive(initial),

      history: undoHistory.EMPTY_HISTORY,
      applyGraphEdit: (jobGraph, selection) => changeGraph(jobGraph, selection),
      undo: () => restore(undoHistory.undo(get().history, get().jobGraph)),
      redo: () => restore(undoHistory.redo(get().history, get().jobGraph)),
      // Another job on the canvas: nothing of the previous job's run may be shown as if it were this one's.
      loadJobGraph: (jobGraph) => {
        set({ ...NO_JOB, loadedGraphs: get().loadedGraphs + 1 });
        changeGraph(jobGraph, null);
      },
      renameJob: (name) => changeGraph({ ...get().jobGraph, name }, get().selection, 'rename'),
      addOperator: (kind, position) => {
        const { graph, id } = edit.addOperator(get().jobGraph, kind, position);
        changeGraph(graph, { type: 'operator', id });
        return id;
      },
      appendOperator: (kind, position) => {
        const { jobGraph, selection } = get();
        const { graph, id } = edit.addOperator(jobGraph, kind, position);
        const from = selection?.type === 'operator' ? selection.id : null;
        // No partitioner: Flink's default (forward at equal parallelism, else rebalance) then follows the
        // parallelism the user sets next, where a fixed "forward" would turn into a problem.
        const keyed = keyedEdge();
        const fed =
          from !== null && edit.connectionRefusal(graph, from, id) === null
            ? { ...graph, edges: [...graph.edges, { source: from, target: id, ...keyed }] }
            : graph;
        if (fed !== graph && keyed) set({ keyByNext: null });
        changeGraph(fed, { type: 'operator', id });
        return id;
      },
      connect: (source, target) => {
        const result = edit.connect(get().jobGraph, source, target);
        if (!result) return false;
        const keyed = keyedEdge();
        const graph = keyed ? edit.updateEdge(result.graph, result.index, keyed) : result.graph;
        if (keyed) set({ keyByNext: null });
        changeGraph(graph, { type: 'edge', index: result.index });
        return true;
      },
      armKeyBy: (key) => set({ keyByNext: key }),
      removeElements: (operatorIds, edgeIndices) => {
        const { jobGraph, selection } = get();
        const next = edit.removeElements(jobGraph, operatorIds, edgeIndices);
        // Edge indices shift when edges go, so an edge selection cannot survive an edge removal.
        const keep =
          selection?.type === 'operator'
            ? next.operators.some((op) => op.id === selection.id)
            : next.edges.length === jobGraph.edges.length;
        changeGraph(next, keep ? selection : null);
      },
      deleteSelection: () => {
        const { selection, removeElements } = get();
        if (selection?.type === 'operator') removeElements([selection.id], []);
        if (selection?.type === 'edge') removeElements([], [selection.index]);
      },
      updateOperator: (id, patch) =>
        changeGraph(
          edit.updateOperator(get().jobGraph, id, patch),
          get().selection,
          `operator:${id}:${Object.keys(patch).join()}`,
        ),
      setParam: (id, name, value) =>
        changeGraph(edit.setParam(get().jobGraph, id, name, value), get().selection, `param:${id}:${name}`),
      updateEdge: (index, patch) =>
        changeGraph(
          edit.updateEdge(get().jobGraph, index, patch),
          get().selection,
          `edge:${index}:${Object.keys(patch).join()}`,
        ),
      // A position changes neither validity nor the plan: skip re-deriving on every drag frame.
      moveOperators: (positions, dragging) => {
        const { jobGraph, history } = get();
        let moved = jobGraph;
        for (const [id, position] of Object.entries(positions)) moved = edit.updateOperator(moved, id, { position });
        const recorded = undoHistory.recordEdit(history, jobGraph, 'drag');
        set({ jobGraph: moved, history: dragging ? recorded : undoHistory.closeGesture(recorded) });
      },
      select: (selection) => set({ selection }),

      jobSubmitting: () => set({ submitting: true, jobError: null, dispatcherUnreachable: null }),
      jobSubmitted: (jobId, executionGraph, savepointPath) =>
        set({
          resumedFrom: savepointPath ?? null,
          job: newLiveJob(jobId, executionGraph),
          network: emptyNetworkView(jobId),
          submitting: false,
          jobError: null,
          serverProblems: [],
          // TaskManagers lost during the previous run are history now.
          cluster: liveTaskManagers(get().cluster),
          // Slot events are broadcast to every client, so some may have arrived before the submission's answer.
          slotsPeak: slotsTakenBy(get().cluster, jobId),
        }),
      jobResubscribed: () => {
        const { job } = get();
        if (job) set({ job: newLiveJob(job.jobId, job.executionGraph) });
      },
      jobRejected: (problems) => set({ serverProblems: problems, submitting: false, jobError: null }),
      jobSubmitFailed: (reason) => set({ jobError: reason, submitting: false }),
      jobSubmitUnreachable: (reason) => set({ dispatcherUnreachable: reason, submitting: false }),
      jobDetailsReceived: (details) => {
        const { job } = get();
        if (job) set({ job: applyJobDetails(job, details) });
      },
      checkpointsReceived: (jobId, statistics) => {
        const { job } = get();
        if (job) set({ job: applyCheckpointSnapshot(job, jobId, statistics) });
      },
      exceptionsReceived: (jobId, exceptions) => {
        const { job } = get();
        if (job) set({ job: applyExceptionsSnapshot(job, jobId, exceptions) });
      },
      runtimeEvent: (event) => {
        const { job, network, cluster, taskManagerFigures } = get();
        withCluster(applyClusterEvent(cluster, event), {
          job: job ? applyJobEvent(job, event) : null,
          network: network ? applyNetworkEvent(network, event) : null,
          taskManagerFigures: applyTaskManagerFigures(taskManagerFigures, event),
        });
      },
      clusterReceived: (infos) =>
        withCluster(clusterFromInfo(infos, get().cluster), {
          clusterError: null,
          taskManagerFigures: taskManagerFiguresFromInfo(infos),
        }),
      clusterUnreachable: (reason) => set({ clusterError: reason }),
      savepointRequested: (kind, jobId) => set({ savepoint: savepoints.requestSavepoint(kind, jobId) }),
      savepointAccepted: (requestId) => {
        const { savepoint } = get();
        if (savepoint) set({ savepoint: savepoints.savepointAccepted(savepoint, requestId) });
      },
      savepointStatusReceived: (requestId, status) => {
        const { savepoint, savepointLocation } = get();
        if (!savepoint) return;
        const next = savepoints.savepointStatusReceived(savepoint, requestId, status);
        set({ savepoint: next, savepointLocation: savepoints.latestSavepointLocation(savepointLocation, next) });
      },
      savepointRequestFailed: (reason) => {
        const { savepoint } = get();
        if (savepoint) set({ savepoint: savepoints.savepointRequestFailed(savepoint, reason) });
      },
    };
  });
}
