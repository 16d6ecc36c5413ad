/**
 * The workshop's lessons: one built-in example per topic of Flink's architecture, in the order a course
 * teaches them, each with a few guided steps. A step points at the canvas (an operator, an edge's target,
 * a panel) and may say when it is done by reading the editor store, e.g. "D's parallelism is 2".
 */
import type { LocalizedText } from '@sluice/model';
import { operatorBackpressure } from '../network/operator-network';
import type { EditorState } from '../store/editor';

/** What a step highlights: an operator's node on the canvas, or one of the IDE's panels or buttons (by its data-testid). */
export type StepTarget = { operator: string } | { panel: string };

export interface LessonStep {
  text: LocalizedText;
  target: StepTarget;
  /** True once the learner has done the step; a step without a check is ticked by hand. */
  done?: (state: EditorState) => boolean;
}

export interface Lesson {
  /** The id of the built-in example the lesson opens. */
  exampleId: string;
  topic: LocalizedText;
  steps: LessonStep[];
}

const operatorOf = (state: EditorState, id: string) => state.jobGraph.operators.find((op) => op.id === id);
const parallelismIs = (id: string, n: number) => (state: EditorState) => operatorOf(state, id)?.parallelism === n;
const paramIs = (id: string, param: string, value: unknown) => (state: EditorState) =>
  operatorOf(state, id)?.params?.[param] === value;
const finished = (state: EditorState) => state.job?.status === 'FINISHED';
const finishedUsingSlots = (slots: number) => (state: EditorState) => finished(state) && state.slotsPeak === slots;

const RUN_TARGET: StepTarget = { panel: 'run' };

export const LESSONS: Lesson[] = [
  {
    exampleId: 'figure-3-2',
    topic: { en: 'The four components and slots', zh: '四个组件与任务槽' },
    steps: [
      {
        text: {
          en: 'Press Run. The Dispatcher hands the JobGraph to a JobMaster, which asks the ResourceManager for slots on the TaskManagers. Watch the Cluster panel: the job takes 4 slots, its largest parallelism.',
          zh: '点击运行。Dispatcher 把 JobGraph 交给 JobMaster，JobMaster 向 ResourceManager 申请 TaskManager 上的任务槽。观察集群面板：作业占用 4 个槽，即它的最大并行度。',
        },
        target: { panel: 'cluster-panel' },
        done: finishedUsingSlots(4),
      },
      {
        text: {
          en: 'Select D and set its parallelism to 2. The job still needs 4 slots: under slot sharing one slot holds a subtask of every operator, so A and B at 4 decide.',
          zh: '选中 D，把并行度设为 2。作业仍需要 4 个槽：在槽共享下，一个槽容纳每个算子的一个子任务，所以由并行度为 4 的 A 和 B 决定。',
        },
        target: { operator: 'D' },
        done: parallelismIs('D', 2),
      },
      {
        text: {
          en: 'Set A and B to 2 as well and run again: now 2 slots are enough, and the Cluster panel shows two of them taken.',
          zh: '把 A 和 B 也设为 2，再运行一次：现在 2 个槽就够了，集群面板显示占用了两个。',
        },
        target: { operator: 'A' },
        done: (state) => parallelismIs('A', 2)(state) && parallelismIs('B', 2)(state) && finishedUsingSlots(2)(state),
      },
    ],
  },
  {
    exampleId: 'task-chaining',
    topic: { en: 'Task chaining', zh: '算子链' },
    steps: [
      {
        text: {
          en: 'Turn on the physical view: the four operators are one JobVertex with 2 subtasks, one task per subtask. Run it.',
          zh: '打开物理视图：四个算子合成一个有 2 个子任务的 JobVertex，每个子任务一个任务。运行它。',
        },
        target: { panel: 'toggle-physical' },
        done: (state) => finished(state) && state.job?.executionGraph.vertices.length === 1,
      },
      {
        text: {
          en: 'Click the edge Square → Keep even and set its partitioner to rebalance: the chain breaks in two, joined by a network exchange.',
          zh: '点击 Square → Keep even 这条边，把分区器设为 rebalance：算子链断成两段，中间是网络交换。',
        },
        target: { operator: 'even' },
        done: (state) => state.plan?.vertices.length === 2,
      },
    ],
  },
  {
    exampleId: 'backpressure-slow-sink',
    topic: { en: 'Credit-based flow control and backpressure', zh: '基于信用的流控与反压' },
    steps: [
      {
        text: {
          en: 'Run it. The slow sink grants credit slowly, the buffers upstream fill, and Enrich turns HIGH: it spends most of its time waiting for credit.',
          zh: '运行它。慢速 sink 发放信用很慢，上游缓冲区被填满，Enrich 变为 HIGH：它大部分时间都在等待信用。',
        },
        target: { operator: 'enrich' },
        done: (state) =>
          state.job !== null &&
          state.network !== null &&
          operatorBackpressure(state.job.executionGraph, state.network, state.job.taskStates, 'enrich')?.level ===
            'high',
      },
      {
        text: {
          en: 'Select the slow sink, set its slowdownMs to 0 and run again: the backpressure is gone and the job ends sooner.',
          zh: '选中慢速 sink，把 slowdownMs 设为 0 再运行：反压消失，作业更快结束。',
        },
        target: { operator: 'slow-sink' },
        done: (state) => (operatorOf(state, 'slow-sink')?.slowdownMs ?? 0) === 0,
      },
    ],
  },
  {
    exampleId: 'key-skew',
    topic: { en: 'Data skew', zh: '数据倾斜' },
    steps: [
      {
        text: {
          en: 'Run it and compare the four subtasks of Sum per key: the one that owns key-0 gets most records and is busy, the others idle.',
          zh: '运行它，比较 Sum per key 的四个子任务：拥有 key-0 的那个收到大部分记录，一直忙碌，其余空闲。',
        },
        target: { operator: 'sum-per-key' },
        done: finished,
      },
      {
        text: {
          en: 'Select the generator and set keySkew to 0: the keys spread evenly and the job ends sooner.',
          zh: '选中数据生成器，把 keySkew 设为 0：键均匀分布，作业更快结束。',
        },
        target: { operator: 'generator' },
        done: paramIs('generator', 'keySkew', 0),
      },
    ],
  },
  {
    exampleId: 'out-of-order-tumbling',
    topic: { en: 'Watermarks and out-of-order events', zh: '水位线与乱序事件' },
    steps: [
      {
        text: {
          en: 'Run it. Two readings come after their window fired: the Results panel lists them under Late records.',
          zh: '运行它。有两条读数在窗口触发之后才到：结果面板把它们列在 Late records 下。',
        },
        target: { panel: 'results-panel' },
        done: (state) => finished(state) && (state.job?.sinks.late?.length ?? 0) === 2,
      },
      {
        text: {
          en: 'Select the window and set allowedLatenessMs to 3, then run again: [0, 5) fires a second time with 9.',
          zh: '选中窗口，把 allowedLatenessMs 设为 3 再运行：[0, 5) 再次触发，结果为 9。',
        },
        target: { operator: 'window' },
        done: paramIs('window', 'allowedLatenessMs', 3),
      },
    ],
  },
  {
    exampleId: 'idle-partition',
    topic: { en: 'An idle source', zh: '空闲数据源' },
    steps: [
      {
        text: {
          en: 'Run it and watch Counts: nothing arrives until the source ends, because partition 1 never advances its watermark.',
          zh: '运行它并观察 Counts：直到数据源结束都没有结果，因为分区 1 的水位线从不前进。',
        },
        target: { operator: 'window' },
        done: finished,
      },
      {
        text: {
          en: 'Select the watermarks operator and set idlenessMs to 500, then run again: the windows fire while the job runs.',
          zh: '选中 watermarks 算子，把 idlenessMs 设为 500 再运行：窗口在作业运行期间就会触发。',
        },
        target: { operator: 'watermarks' },
        done: paramIs('watermarks', 'idlenessMs', 500),
      },
    ],
  },
  {
    exampleId: 'fraud-detection',
    topic: { en: 'Process functions: keyed state and timers', zh: '处理函数：键控状态与定时器' },
    steps: [
      {
        text: {
          en: 'Run it. Accounts 2 and 3 each follow a transaction under 1.00 with one over 500.00: the Results panel lists their two alerts.',
          zh: '运行它。账户 2 和 3 都在一笔低于 1.00 的交易之后出现一笔高于 500.00 的交易：结果面板列出它们的两条警报。',
        },
        target: { panel: 'results-panel' },
        done: (state) => finished(state) && (state.job?.sinks.alerts?.length ?? 0) === 2,
      },
      {
        text: {
          en: "Switch to Step mode and step until the detector takes account 3's 0.31: its node lists the account's keyed state (smallSeen, timer) and a processing-time timer pending at 5000.",
          zh: '切换到单步模式，单步执行到检测器处理账户 3 的 0.31：它的节点列出该账户的键控状态（smallSeen、timer）和一个在 5000 待触发的处理时间定时器。',
        },
        target: { panel: 'step-mode' },
      },
      {
        text: {
          en: 'Processing time stands still in Step mode. Advance it by 1 s six times: once it passed 5000 the timer fires in the detector and clears the flag, and a large transaction the detector takes after that raises no alert.',
          zh: '单步模式中处理时间静止不动。把它推进 1 秒共六次：越过 5000 后定时器在检测器中触发并清除标记，检测器此后处理的大额交易不再发出警报。',
        },
        target: { panel: 'step-advance-processing-time' },
      },
    ],
  },
  {
    exampleId: 'keyed-state-checkpoints',
    topic: { en: 'Keyed state and checkpoints', zh: '键控状态与检查点' },
    steps: [
      {
        text: {
          en: "Open the plots and run it: a checkpoint completes about every 500 ms; the checkpoint plot shows each one's duration and size.",
          zh: '打开图表并运行：大约每 500 毫秒完成一个检查点；检查点图表显示每个检查点的耗时和大小。',
        },
        target: { panel: 'plots-panel' },
        done: finished,
      },
      {
        text: {
          en: "Set the running sum's parallelism to 4 and run again: the same sums, the keys spread over four subtasks.",
          zh: '把滚动求和的并行度设为 4 再运行：求和结果相同，键分布到四个子任务上。',
        },
        target: { operator: 'sum' },
        done: parallelismIs('sum', 4),
      },
    ],
  },
  {
    exampleId: 'recovery',
    topic: { en: 'Recovery after a TaskManager failure', zh: 'TaskManager 故障后的恢复' },
    steps: [
      {
        text: {
          en: 'Press Run. The job runs for about 8 seconds and checkpoints every 500 ms.',
          zh: '点击运行。作业运行约 8 秒，每 500 毫秒一个检查点。',
        },
        target: RUN_TARGET,
        done: (state) => state.job !== null,
      },
      {
        text: {
          en: 'While it runs, kill a TaskManager in the Cluster panel. The ResourceManager starts a new one and the job restarts from the latest checkpoint.',
          zh: '在运行期间，在集群面板里杀掉一个 TaskManager。ResourceManager 会启动一个新的，作业从最近的检查点重启。',
        },
        target: { panel: 'cluster-panel' },
        done: (state) => Object.values(state.cluster).some((tm) => tm.lost),
      },
      {
        text: {
          en: 'Wait for FINISHED: the last sum of every key is the same as in a run without the failure.',
          zh: '等到 FINISHED：每个键最后的和与没有故障的运行相同。',
        },
        target: { panel: 'results-panel' },
        done: finished,
      },
    ],
  },
  {
    exampleId: 'savepoint-rescaling',
    topic: { en: 'Savepoints and rescaling', zh: '保存点与扩缩容' },
    steps: [
      { text: { en: 'Press Run.', zh: '点击运行。' }, target: RUN_TARGET, done: (state) => state.job !== null },
      {
        text: {
          en: "Before it ends, press Stop with savepoint in the Checkpoints panel: every subtask writes its state into the savepoint, the job finishes, and the panel shows the savepoint's folder.",
          zh: '在它结束前，点击检查点面板里的“用保存点停止”：每个子任务把状态写入保存点，作业结束，面板显示保存点的目录。',
        },
        target: { panel: 'savepoint-stop' },
        done: (state) => state.savepoint?.kind === 'stop' && state.savepoint.phase === 'completed',
      },
      {
        text: {
          en: 'Select the running sum and set its parallelism to 3.',
          zh: '选中滚动求和，把它的并行度设为 3。',
        },
        target: { operator: 'sum' },
        done: parallelismIs('sum', 3),
      },
      {
        text: {
          en: "Press Resume from savepoint: the canvas's graph starts from the savepoint, its 128 key groups are split over three subtasks, and the sums continue where they stopped. Latest restored names the savepoint.",
          zh: '点击“从保存点恢复”：画布上的图从保存点启动，128 个键组分给三个子任务，求和从停下的地方继续。“最近恢复”显示该保存点。',
        },
        target: { panel: 'savepoint-resume' },
        done: (state) =>
          finished(state) && state.resumedFrom !== null && state.job?.checkpoints.latestRestored?.savepoint === true,
      },
    ],
  },
];

export function lessonById(exampleId: string): Lesson | undefined {
  return LESSONS.find((lesson) => lesson.exampleId === exampleId);
}

/** The CSS selector of what a step highlights. */
export function targetSelector(target: StepTarget): string {
  return 'operator' in target
    ? `.react-flow__node[data-id="${CSS.escape(target.operator)}"]`
    : `[data-testid="${CSS.escape(target.panel)}"]`;
}

/** The store as a lesson's checks see it: a job that ran before the lesson opened, and its savepoint, do not count. */
export function sinceLessonOpened(state: EditorState, jobBeforeLesson: string | null): EditorState {
  if (jobBeforeLesson === null) return state;
  const savepoint = state.savepoint?.jobId === jobBeforeLesson ? null : state.savepoint;
  if (state.job === null || state.job.jobId !== jobBeforeLesson)
    return savepoint === state.savepoint ? state : { ...state, savepoint };
  return { ...state, job: null, network: null, slotsPeak: 0, resumedFrom: null, savepoint };
}
