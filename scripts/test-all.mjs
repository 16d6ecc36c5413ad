#!/usr/bin/env node
// Runs every test runner (typecheck, lint, vitest over all packages, Playwright e2e in chromium) and ends
// with one plain line summing them all, `N passed, N failed`, the line CI reads. Exits non-zero on any
// failure and when no test ran at all.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensurePnpm } from './lib/pnpm.mjs';
import { succeeds } from './lib/run.mjs';

const pnpm = ensurePnpm();
const resultsDir = resolve('.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

function exec(label, args, env = {}) {
  console.log(`\n=== ${label}: ${pnpm} ${args.join(' ')}`);
  return succeeds(pnpm, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** A check that is one pass or one fail (typecheck, lint). */
function check(label, args) {
  const ok = exec(label, args);
  return { label, passed: ok ? 1 : 0, failed: ok ? 0 : 1 };
}

function vitest() {
  const outputFile = join(resultsDir, 'vitest.json');
  const ok = exec('vitest', [
    'exec',
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
  ]);
  const report = readJson(outputFile);
  if (!report) return { label: 'vitest', passed: 0, failed: 1, note: 'no report (vitest crashed)' };
  // A suite that fails to load has no tests of its own but fails the run: count it as a failure.
  const brokenSuites = report.testResults.filter(
    (s) => s.status === 'failed' && s.assertionResults.length === 0,
  ).length;
  const failed = report.numFailedTests + brokenSuites;
  return { label: 'vitest', passed: report.numPassedTests, failed: failed === 0 && !ok ? 1 : failed };
}

function playwright() {
  const outputFile = join(resultsDir, 'playwright.json');
  const ok = exec('playwright', ['--filter', '@sluice/e2e', 'exec', 'playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: outputFile,
  });
  const report = readJson(outputFile);
  if (!report) return { label: 'playwright', passed: 0, failed: 1, note: 'no report (playwright crashed)' };
  const { expected = 0, unexpected = 0, flaky = 0 } = report.stats ?? {};
  const failed = unexpected + (report.errors?.length ?? 0);
  return { label: 'playwright', passed: expected + flaky, failed: failed === 0 && !ok ? 1 : failed };
}

const results = [check('typecheck', ['-r', 'typecheck']), check('lint', ['lint']), vitest()];
if (existsSync('e2e/playwright.config.ts')) results.push(playwright());

console.log('\n=== summary');
for (const r of results)
  console.log(`${r.label}: ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
