/**
 * Where Run sends the job: the Sluice local cluster, the Flink session cluster the server starts (embedded), or a
 * Flink cluster at a URL. A user setting kept in this browser's storage, never in the job file or a share link.
 */
import { create } from 'zustand';

export const RUN_TARGETS = ['local', 'flink-embedded', 'flink-url'] as const;
export type RunTarget = (typeof RUN_TARGETS)[number];

const STORAGE_KEY = 'sluice.runTarget';

interface RunTargetSetting {
  target: RunTarget;
  flinkUrl: string;
}

interface RunTargetState extends RunTargetSetting {
  /** The job last submitted and where it runs: the canvas says what Flink does not report for a Flink job. */
  submitted: { jobId: string; target: RunTarget } | null;
  setTarget: (target: RunTarget) => void;
  setFlinkUrl: (flinkUrl: string) => void;
  jobSubmitted: (jobId: string, target: RunTarget) => void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage can be disabled (privacy mode): the setting then lasts for the page only
  }
}

function saved(): RunTargetSetting {
  try {
    const parsed = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? 'null') as Partial<RunTargetSetting> | null;
    return {
      target: RUN_TARGETS.find((target) => target === parsed?.target) ?? 'local',
      flinkUrl: typeof parsed?.flinkUrl === 'string' ? parsed.flinkUrl : '',
    };
  } catch {
    return { target: 'local', flinkUrl: '' };
  }
}

export const useRunTarget = create<RunTargetState>()((set, get) => {
  const save = (setting: RunTargetSetting) => {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(setting));
    set(setting);
  };
  return {
    ...saved(),
    submitted: null,
    jobSubmitted: (jobId, target) => set({ submitted: { jobId, target } }),
    setTarget: (target) => save({ target, flinkUrl: get().flinkUrl }),
    setFlinkUrl: (flinkUrl) => save({ target: get().target, flinkUrl }),
  };
});

/** The query string of POST /jobs for the chosen target ('' for the local cluster). */
export function runTargetQuery({ target, flinkUrl }: RunTargetSetting): URLSearchParams {
  const query = new URLSearchParams();
  if (target === 'local') return query;
  query.set('target', target);
  if (target === 'flink-url') query.set('flinkUrl', flinkUrl.trim());
  return query;
}

/** Whether the job with this id runs on Flink, which reports no per-channel credits, backlog or buffers in flight. */
export function useRunsOnFlink(jobId: string | undefined): boolean {
  return useRunTarget((s) => s.submitted !== null && s.submitted.jobId === jobId && s.submitted.target !== 'local');
}
