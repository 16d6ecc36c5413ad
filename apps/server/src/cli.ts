/**
 * The `sluice` CLI (design.md Contract 2): validate, plan and run JobGraph files without the browser.
 * Exit codes: 0 success; 1 the job is invalid or did not FINISH; 2 the command line itself is wrong.
 */
import type { ParseArgsConfig } from 'node:util';
import { UsageError, parseFlags, parseWholeNumber } from './args.js';
import { flinkPlanCommand, flinkRunCommand } from './cli/flink/flink-commands.js';
import { planCommand } from './cli/plan-command.js';
import { runCommand } from './cli/run-command.js';
import { stepRunCommand } from './cli/step-command.js';
import { validateCommand } from './cli/validate-command.js';

const USAGE = `usage:
  sluice validate JOB.json
  sluice plan JOB.json [--engine flink]
  sluice run JOB.json [--taskmanagers N] [--slots-per-taskmanager S] [--output DIR] [--events FILE.ndjson]
                     [--kill-taskmanager-after MS]
  sluice run JOB.json --engine flink [--taskmanagers N] [--slots-per-taskmanager S] [--output DIR]
                     [--kill-taskmanager-after MS] [--flink-url URL]
  sluice run JOB.json --step [--seed N] [--processing-time-step MS] [--output DIR] [--events FILE.ndjson]`;

const RUN_OPTIONS = {
  taskmanagers: { type: 'string' },
  'slots-per-taskmanager': { type: 'string' },
  output: { type: 'string' },
  events: { type: 'string' },
  step: { type: 'boolean' },
  seed: { type: 'string' },
  'processing-time-step': { type: 'string' },
  'kill-taskmanager-after': { type: 'string' },
  engine: { type: 'string' },
  'flink-url': { type: 'string' },
} as const;

const PLAN_OPTIONS = { engine: { type: 'string' } } as const;

/** --engine: `sluice` (the default, this repository's engine) or `flink` (Apache Flink through runners/flink). */
function engineOf(raw: string | undefined): 'sluice' | 'flink' {
  if (raw === undefined || raw === 'sluice' || raw === 'flink') return raw ?? 'sluice';
  throw new UsageError(`--engine must be sluice or flink, got "${raw}"`);
}

/** Positionals and flags of one subcommand; every subcommand takes exactly one JOB.json. */
function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
  const parsed = parseFlags({ args, options, strict: true, allowPositionals: true });
  if (parsed.positionals.length > 1)
    throw new UsageError(`expected one JOB.json, got ${parsed.positionals.length}: ${parsed.positionals.join(' ')}`);
  return { jobPath: parsed.positionals[0], values: parsed.values };
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return validateCommand(parse(rest, {}).jobPath);
    case 'plan': {
      const { jobPath, values } = parse(rest, PLAN_OPTIONS);
      return engineOf(values.engine) === 'flink' ? flinkPlanCommand(jobPath) : planCommand(jobPath);
    }
    case 'run': {
      const { jobPath, values } = parse(rest, RUN_OPTIONS);
      const taskManagers =
        values.taskmanagers === undefined ? undefined : parseWholeNumber('--taskmanagers', values.taskmanagers, 1, 64);
      const slotsPerTaskManager =
        values['slots-per-taskmanager'] === undefined
          ? undefined
          : parseWholeNumber('--slots-per-taskmanager', values['slots-per-taskmanager'], 1, 64);
      const killRaw = values['kill-taskmanager-after'];
      const killTaskManagerAfterMs =
        killRaw === undefined ? undefined : parseWholeNumber('--kill-taskmanager-after', killRaw, 1);
      if (engineOf(values.engine) === 'flink') {
        for (const flag of ['step', 'seed', 'events'] as const)
          if (values[flag] !== undefined) throw new UsageError(`--${flag}: not with --engine flink`);
        return flinkRunCommand({
          jobPath,
          taskManagers: taskManagers ?? 2,
          slotsPerTaskManager,
          outputDir: values.output,
          killTaskManagerAfterMs,
          flinkUrl: values['flink-url'],
        });
      }
      if (values['flink-url'] !== undefined) throw new UsageError('--flink-url: only with --engine flink');
      if (values.step) {
        if (killTaskManagerAfterMs !== undefined)
          throw new UsageError('--kill-taskmanager-after: step mode runs no TaskManager processes; drop --step');
        return stepRunCommand({
          jobPath,
          seed: values.seed === undefined ? 0 : parseWholeNumber('--seed', values.seed, 0, 0xffff_ffff),
          processingTimeStepMs:
            values['processing-time-step'] === undefined
              ? 0
              : parseWholeNumber('--processing-time-step', values['processing-time-step'], 0),
          taskManagers,
          slotsPerTaskManager,
          outputDir: values.output,
          eventsFile: values.events,
        });
      }
      if (values.seed !== undefined) throw new UsageError('--seed: only step mode takes a seed; add --step');
      if (values['processing-time-step'] !== undefined)
        throw new UsageError(
          '--processing-time-step: only step mode has a virtual processing time; on a cluster it is the wall clock; add --step',
        );
      return runCommand({
        jobPath,
        taskManagers: taskManagers ?? 2,
        slotsPerTaskManager,
        outputDir: values.output,
        eventsFile: values.events,
        killTaskManagerAfterMs,
      });
    }
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      console.log(USAGE);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command "${command}"\n${USAGE}`);
  }
}

try {
  process.exitCode = await dispatch(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  console.error(`sluice: ${error.message}`);
  process.exitCode = error.exitCode;
}
