// Ending the JVMs of a cluster by their recorded PIDs. A PID is only signalled while its command line still names
// the cluster's configuration directory: after a crash or a reboot the number may belong to another process.
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_GRACE_MS = 15_000;
const POLL_MS = 100;

/** The command line of a live process, or null when there is none (a zombie shows no arguments either). */
function commandLine(pid) {
  const result = spawnSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  const args = result.status === 0 ? result.stdout.trim() : '';
  return args === '' || args.includes('<defunct>') ? null : args;
}

/** Whether `pid` is alive and still the process whose command line contains `marker`. */
export function isClusterProcess(pid, marker) {
  return commandLine(pid)?.includes(marker) ?? false;
}

async function waitUntilGone(pids, marker, deadline) {
  let alive = pids.filter((pid) => isClusterProcess(pid, marker));
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(POLL_MS);
    alive = alive.filter((pid) => isClusterProcess(pid, marker));
  }
  return alive;
}

function signal(pid, name) {
  try {
    process.kill(pid, name);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

/**
 * SIGTERM (Flink's shutdown hooks end the process cleanly), then SIGKILL for any still alive after the grace period.
 * Returns the PIDs that were running and are now gone.
 * @param {number[]} pids
 * @param {string} marker
 */
export async function endProcesses(pids, marker) {
  const running = pids.filter((pid) => isClusterProcess(pid, marker));
  for (const pid of running) signal(pid, 'SIGTERM');
  const stubborn = await waitUntilGone(running, marker, Date.now() + STOP_GRACE_MS);
  for (const pid of stubborn) signal(pid, 'SIGKILL');
  const left = await waitUntilGone(stubborn, marker, Date.now() + STOP_GRACE_MS);
  if (left.length > 0) throw new Error(`processes ${left.join(', ')} are still alive after SIGKILL`);
  return running;
}
