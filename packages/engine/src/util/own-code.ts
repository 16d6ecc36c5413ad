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
 * The copy is an arrow function closing over its instance, made once: V8 then compiles it for that one closure
 * and knows `this` as a constant, and with it every field that was set once (the successor, the user function):
 * the inlined chain runs without a check of what each of them is.
 *
 * That needs fields V8 can take for constants: set once, in the constructor, and declared with `declare`. A plain
 * TypeScript field (or constructor parameter property) becomes a class field, which is defined as undefined before
 * the constructor runs, so V8 sees the constructor's assignment as a change and no longer folds the field.
 *
 * The copy is compiled outside its module, so the method may use only `this`, its parameters and globals: no
 * imported binding or module constant, no `super` or `arguments`, and no nested function (a bundler may rename
 * those, or wrap them in helpers). Its parameters must be plain names. Only the small per-record methods are
 * copied; everything else stays shared.
 */

/**
 * Numbers each copy, so that no two have the same source: V8 caches compiled `new Function` sources, and a cache
 * hit would hand back a shared function, which this is meant to avoid.
 */
let copies = 0;

/** A method's source text: `name(a, b) { body }`. */
const PLAIN_METHOD = /^([\w$]+)\(([\w$,\s]*)\)\s*\{([\s\S]*)\}$/;

export function giveOwnCode(instance: object, method: string): void {
  const shared: unknown = (instance as Record<string, unknown>)[method];
  const where = `giveOwnCode: ${instance.constructor.name}.${method}`;
  if (typeof shared !== 'function') throw new Error(`${where} is not a method`);
  const parts = PLAIN_METHOD.exec(Function.prototype.toString.call(shared));
  if (!parts || parts[1] !== method) throw new Error(`${where} is not a plain method \`${method}(a, b) { … }\``);
  const [, , params, body] = parts;
  const source = `"use strict"; // copy ${++copies}\nreturn function () { return (${params}) => {${body}}; };`;
  (instance as Record<string, unknown>)[method] = (new Function(source)() as (this: object) => unknown).call(instance);
}
