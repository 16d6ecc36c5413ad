import { describe, expect, it } from 'vitest';
import { giveOwnCode } from '../../src/util/own-code.js';

class Scaler {
  constructor(private readonly factor: number) {
    giveOwnCode(this, 'scale');
  }

  scale(value: number): number {
    return value * this.factor;
  }
}

describe('giveOwnCode', () => {
  it('gives each instance a copy of the method of its own, which behaves as the shared one', () => {
    const [double, triple] = [new Scaler(2), new Scaler(3)];
    expect([double.scale(5), triple.scale(5)]).toEqual([10, 15]);
    expect(double.scale).not.toBe(triple.scale);
    expect(double.scale).not.toBe(Scaler.prototype.scale);
  });

  it('names the class and the method when there is no such method', () => {
    expect(() => giveOwnCode(new Scaler(1), 'factor')).toThrow('giveOwnCode: Scaler has no method "factor"');
  });
});
