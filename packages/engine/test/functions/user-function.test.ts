import { describe, expect, it } from 'vitest';
import { compileUserFunction, UserFunctionError } from '../../src/functions/user-function.js';

describe('compileUserFunction', () => {
  it('compiles arrow functions, function expressions and generators, and passes every argument through', () => {
    expect(
      compileUserFunction('(a, b, ctx) => [a, b, ctx.subtaskIndex]', 'op', 'fn')(1, 2, { subtaskIndex: 3 }),
    ).toEqual([1, 2, 3]);
    expect(compileUserFunction('function (v) { return v + 1; }', 'op', 'fn')(1)).toBe(2);
    expect([
      ...(compileUserFunction('function* (n) { yield n; yield n; }', 'op', 'fn')(7) as Iterable<number>),
    ]).toEqual([7, 7]);
  });

  it('runs in strict mode, so a user function cannot leak globals', () => {
    const fn = compileUserFunction('(v) => { leaked = v; }', 'op', 'fn');
    expect(() => fn(1)).toThrowError(
      expect.objectContaining({ name: 'UserFunctionError', message: 'leaked is not defined' }),
    );
  });

  it('names the operator and the param when the source is missing, does not compile or is not a function', () => {
    const where = 'operator "m" params.fn';
    const failure = (source: unknown) => {
      try {
        compileUserFunction(source, 'm', where);
      } catch (error) {
        return error as UserFunctionError;
      }
      throw new Error('compiled');
    };
    expect(failure('').message).toBe('operator "m" params.fn: a function source is required');
    expect(failure(undefined).message).toBe('operator "m" params.fn: a function source is required');
    expect(failure('(v) =>').message).toMatch(/^operator "m" params\.fn does not compile: /);
    expect(failure('(v) =>').original).toBeInstanceOf(SyntaxError);
    expect(failure('42').message).toBe('operator "m" params.fn is not a function (it evaluates to number)');
    expect(failure('42').operatorId).toBe('m');
  });

  it('keeps a thrown non-Error as the original and as the user stack', () => {
    const error = (() => {
      try {
        compileUserFunction('() => { throw "plain string"; }', 'op', 'fn')();
      } catch (e) {
        return e as UserFunctionError;
      }
      throw new Error('did not throw');
    })();
    expect(error).toBeInstanceOf(UserFunctionError);
    expect(error.message).toBe('plain string');
    expect(error.original).toBe('plain string');
    expect(error.userStack).toBe('plain string');
  });

  describe('confinement: no reach beyond the language (issue 11)', () => {
    const run = (source: string, ...args: unknown[]) =>
      compileUserFunction(source, 'op', 'fn')(...args, { subtaskIndex: 0 });
    const failure = (source: string): string => {
      try {
        run(source);
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error(`${source} did not throw`);
    };

    it('sees no host globals: process, require, module, timers, the environment', () => {
      expect(run('() => [typeof process, typeof require, typeof module, typeof globalThis.process]')).toEqual([
        'undefined',
        'undefined',
        'undefined',
        'undefined',
      ]);
      expect(run('() => [typeof setTimeout, typeof setInterval, typeof setImmediate, typeof queueMicrotask]')).toEqual([
        'undefined',
        'undefined',
        'undefined',
        'undefined',
      ]);
      expect(run('() => [typeof fetch, typeof Buffer, typeof WebAssembly, typeof SharedArrayBuffer]')).toEqual([
        'undefined',
        'undefined',
        'undefined',
        'undefined',
      ]);
      expect(failure('() => process.getBuiltinModule("fs")')).toMatch(/reading 'getBuiltinModule'/);
      expect(failure('() => process.env.HOME')).toMatch(/reading 'env'/);
    });

    it('cannot load a module: import() does not even compile', () => {
      expect(() => compileUserFunction('() => import("fs")', 'op', 'fn')).toThrowError(
        /^fn does not compile: Possible import expression rejected/,
      );
    });

    it('cannot reach the host through a Function constructor', () => {
      expect(run('() => Function("return typeof process")()')).toBe('undefined');
      expect(run('() => (0, eval)("typeof process")')).toBe('undefined');
      // A user function is called without a receiver: `this` is undefined, so this.constructor is no way out.
      expect(failure('function () { return this.constructor.constructor("return process")(); }')).toMatch(
        /reading 'constructor'/,
      );
      for (const source of [
        '(ctx) => ctx.constructor.constructor("return process")()',
        '() => (() => 0).constructor("return process")()',
        '() => Object.getPrototypeOf(function* () {}).constructor("return process")',
        '() => Object.getPrototypeOf(async () => {}).constructor("return process")',
      ])
        expect(failure(source)).toMatch(/not a valid constructor/);
    });

    it('cannot change the shared intrinsics or leave globals behind for another function', () => {
      expect(failure('() => { Array.prototype.evil = 1; }')).toMatch(/not extensible/);
      expect(failure('() => { Math.max = () => 0; }')).toMatch(/read only|read-only/);
      expect(failure('() => { globalThis.shared = 1; }')).toMatch(/not extensible/);
      expect(run('() => typeof globalThis.shared')).toBe('undefined');
    });

    it('keeps the language: Math, JSON, Date, its own properties', () => {
      expect(
        run('(v) => JSON.stringify({ m: Math.max(v, 2), now: Date.now() > 0, random: Math.random() < 1 })', 1),
      ).toBe('{"m":2,"now":true,"random":true}');
      const sum = compileUserFunction(
        'function sum(x) { sum.total = (sum.total || 0) + x; return sum.total; }',
        'op',
        'fn',
      );
      sum(1);
      expect(sum(2)).toBe(3);
    });
  });
});
