/** Shared by `sluice` and the server's entry point: flags and environment values checked the same way. */
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad command-line input; the CLI prints the message on one line and exits with `exitCode`. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A whole number ≥ `min`, or a UsageError naming the flag and the value given. */
export function parseWholeNumber(name: string, raw: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const value = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `a whole number ≥ ${min}` : `a whole number from ${min} to ${max}`;
    throw new UsageError(`${name} must be ${range}, got "${raw}"`);
  }
  return value;
}

/**
 * node:util parseArgs, its errors as a UsageError. They may append a long hint after the first sentence; the
 * sentence naming the problem is kept.
 */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.split('. ')[0] ?? message);
  }
}
