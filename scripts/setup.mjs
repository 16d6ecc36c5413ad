#!/usr/bin/env node
// Brings a fresh machine (Node 20 + npm only) to a runnable Sluice: pnpm, dependencies, the build and,
// with --with-browser, Debian's chromium for the e2e tests, with --with-flink the Flink runner (Maven; only where a
// JDK and Maven are installed). Every step checks first, so a second run is quick.
// Uses Node built-ins only: it runs before any dependency is installed.
import { existsSync } from 'node:fs';
import { ensureBuilt } from './lib/build.mjs';
import { ensureChromium } from './lib/chromium.mjs';
import { ensureDependencies } from './lib/dependencies.mjs';
import { missingForFlink, NO_JDK } from './lib/java.mjs';
import { ensureMavenModule } from './lib/maven.mjs';
import { ensurePnpm } from './lib/pnpm.mjs';
import { step } from './lib/run.mjs';

const withBrowser = process.argv.includes('--with-browser');
const withFlink = process.argv.includes('--with-flink');

function buildFlinkRunner() {
  const missing = missingForFlink();
  if (missing) console.log(`${NO_JDK}: ${missing}; the Flink tests will be skipped`);
  else ensureMavenModule('runners/flink', 'sluice-flink-runner.jar');
}

if (!existsSync('pnpm-workspace.yaml')) {
  console.error('setup: run from the repository root (npm start / npm test do).');
  process.exit(1);
}

try {
  const pnpm = step('pnpm', () => ensurePnpm());
  step('dependencies', () => ensureDependencies(pnpm));
  if (withBrowser) step('chromium', () => ensureChromium());
  if (withFlink) step('flink runner', () => buildFlinkRunner());
  step('build', () => ensureBuilt(pnpm, 'all'));
} catch (error) {
  console.error(`setup failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
