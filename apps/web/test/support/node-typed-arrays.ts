/**
 * For jsdom tests that run user functions (a StepController): the engine evaluates them in SES compartments,
 * which lock the realm down, and lockdown refuses intrinsics from another realm. Vitest's jsdom environment puts
 * jsdom's ArrayBuffer and typed arrays in place of Node's; importing this module puts Node's back. It must be
 * the test's first import: SES takes the intrinsics it checks when it loads. structuredClone is Node's, so it
 * makes its copies with Node's constructors.
 */
const TYPED_ARRAYS = [
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
] as const;

function restoreNodeTypedArrays(): void {
  // Defined, not assigned: the environment may have put some of them in place as getters.
  const restore = (name: string, sample: object) =>
    Object.defineProperty(globalThis, name, {
      value: (structuredClone(sample) as object).constructor,
      writable: true,
      configurable: true,
    });
  restore('ArrayBuffer', new ArrayBuffer(0));
  const realm = globalThis as unknown as Record<string, new (length: number) => object>;
  for (const name of TYPED_ARRAYS) restore(name, new realm[name]!(0));
}

restoreNodeTypedArrays();
