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

  it('keeps the copy on its instance, whatever it is called on', () => {
    const double = new Scaler(2);
    expect(double.scale.call(new Scaler(3), 5)).toBe(10);
  });

  it('names the class and the method when there is no such method, or a method it cannot copy', () => {
    expect(() => giveOwnCode(new Scaler(1), 'factor')).toThrow('giveOwnCode: Scaler.factor is not a method');
    class Defaults {
      constructor() {
        giveOwnCode(this, 'add');
      }

      add(value: number, step = 1): number {
        return value + step;
      }
    }
    expect(() => new Defaults()).toThrow('giveOwnCode: Defaults.add is not a plain method `add(a, b) { … }`');
  });
});
