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
});
