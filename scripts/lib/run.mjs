// Small process helpers shared by the setup and test scripts (Node built-ins only).
import { spawnSync } from 'node:child_process';

/** Runs a command with inherited stdio; throws with the command line when it fails. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', ...options });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
  return result;
}

/** Runs a command (quietly unless options say otherwise) and reports whether it succeeded. */
export function succeeds(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'ignore', ...options });
  return !result.error && result.status === 0;
}

/** Runs one named setup step and says how long it took, so a slow first setup shows its progress. */
export function step(name, fn) {
  const started = Date.now();
  process.stdout.write(`setup: ${name}…\n`);
  const value = fn();
  process.stdout.write(`setup: ${name} ok (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  return value;
}
