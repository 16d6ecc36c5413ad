/**
 * Where user code is evaluated: a Hardened JavaScript (SES) Compartment, the counterpart of Flink's user-code
 * class loader, but one that confines as well as separates. A compartment's global object holds only the
 * language's own globals (Math, JSON, Date, Promise...), never the host's: no `process`, `require`, module loading
 * or `import()`, no file system, network, timers or environment. lockdown() freezes the realm's shared intrinsics
 * and makes every Function constructor reachable from them inert, so `this.constructor.constructor('return
 * process')()` and its kin find nothing either.
 *
 * Each function gets a compartment of its own, and that compartment's global object is frozen: one user function
 * cannot leave anything behind for another. Frozen, its globals are constants, which SES then binds directly
 * rather than through its scope proxy, so a user function that reads `Math` runs as fast as one compiled with
 * `new Function` (through the scope proxy it ran 14 times slower).
 *
 * The host's own code keeps the start compartment: its `Function` stays powerful (giveOwnCode needs it).
 */
import 'ses';

let lockedDown = false;

/** Locks the realm down, once: from then on every intrinsic is frozen, in this thread, for everyone. */
function lockdownRealm(): void {
  if (lockedDown) return;
  lockdown({
    // The user's stack is what a failed task shows (CONTRIBUTING); 'safe' would hide it. It reveals call sites,
    // not capabilities.
    errorTaming: 'unsafe',
    // The host's console stays the host's: user code has none to reach.
    consoleTaming: 'unsafe',
    // Only Error#name and the toString methods may be overridden by assignment on objects inheriting them. The
    // default ('moderate') also turns every method of TypedArray.prototype into an accessor, and a chain, which
    // serializes into typed arrays, then ran 50 times slower (1.9 M/s instead of 97 M/s in the chained bench).
    overrideTaming: 'min',
  });
  lockedDown = true;
}

/**
 * A compartment's own Date.now() and Math.random() throw (SES keeps time and chance out of compartments for
 * determinism); user functions have always been allowed the clock and random numbers, so they get the start
 * compartment's Date and Math, frozen by lockdown like every intrinsic.
 */
const HOST_GLOBALS = { Date, Math };

/** Evaluates `expression` in a fresh, frozen compartment and returns its value. */
export function evaluateUserCode(expression: string): unknown {
  lockdownRealm();
  const compartment = new Compartment({ __options__: true, globals: HOST_GLOBALS });
  Object.freeze(compartment.globalThis);
  return compartment.evaluate(`(${expression})`);
}
