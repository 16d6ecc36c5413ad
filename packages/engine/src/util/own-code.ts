/**
 * Gives one object its own compiled copy of a method: how a chain's per-record path gets the code of a plain loop.
 *
 * V8 keeps type feedback and optimized code per function, not per object. Every MapOperator in the process runs
 * the one processElement, so its call of `this.fn` has seen every map function of every job and stays an indirect
 * call; and V8 never inlines a function into itself, so in a chain map → filter → map the second map cannot be
 * inlined below the first. A copy compiled from the method's source text is a function of its own: its call sites
 * see only this instance's successor and user function, and V8 inlines a whole linear chain into the source's
 * emit loop, as it inlines the three functions of a plain loop.
 *
 * The copy is compiled outside its module, so the method may use only `this`, its parameters and globals: no
 * imported binding or module constant, no `super`, and no nested function (a bundler may rename those, or wrap them in
 * helpers). Only the small per-record methods are copied; everything else stays shared.
 */

/**
 * Numbers each copy, so that no two have the same source: V8 caches compiled `new Function` sources, and a cache
 * hit would hand back the shared function this is meant to avoid.
 */
let copies = 0;

export function giveOwnCode(instance: object, method: string): void {
  const shared: unknown = (instance as Record<string, unknown>)[method];
  if (typeof shared !== 'function') throw new Error(`giveOwnCode: ${instance.constructor.name} has no method "${method}"`);
  // A method's source text is `name(params) { body }`, which only an object literal (or class) reads back.
  const source = `"use strict"; // copy ${++copies}\nreturn ({ ${Function.prototype.toString.call(shared)} })[${JSON.stringify(method)}];`;
  const copy = new Function(source)() as unknown;
  if (typeof copy !== 'function') throw new Error(`giveOwnCode: ${instance.constructor.name}.${method} is not a plain method`);
  (instance as Record<string, unknown>)[method] = copy;
}
