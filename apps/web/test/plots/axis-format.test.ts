import { describe, expect, it } from 'vitest';
import { axisWidth, readableDuration } from '../../src/plots/axis-format';

describe('plot axes: units and readable numbers', () => {
  it('writes a watermark lag with its unit, not 17,168,000', () => {
    expect(readableDuration(0)).toBe('0 ms');
    expect(readableDuration(850)).toBe('850 ms');
    expect(readableDuration(17_168)).toBe('17.2 s');
    expect(readableDuration(60_000)).toBe('1 min');
    expect(readableDuration(290_000)).toBe('4.8 min');
    expect(readableDuration(17_168_000)).toBe('4.8 h');
  });

  it('makes a y axis wide enough for its longest tick text', () => {
    expect(axisWidth(null)).toBe(40);
    expect(axisWidth(['0 ms', '500 ms'])).toBe(Math.ceil(6 * 7.5) + 18);
    expect(axisWidth(['12.5 min', '1.5 min'])).toBe(Math.ceil(8 * 7.5) + 18);
    // uPlot's default is 50 px whatever the texts: "17,168,000" (10 glyphs) did not fit.
    expect(axisWidth(['17,168,000'])).toBeGreaterThan(50);
  });
});
