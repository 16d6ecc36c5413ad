/**
 * Axis numbers people read at a glance: a lag of 17,168,000 ms reads "4.8 h", one of 17,168 ms "17.2 s". The
 * axis is as wide as its longest tick text, so no value is clipped at the panel's edge.
 */

/** 850 ms, 17.2 s, 4.8 min, 4.8 h: the largest unit under which the value is at least 1, one decimal at most. */
export function readableDuration(ms: number): string {
  const one = (value: number) => Number(value.toFixed(1));
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  if (Math.abs(ms) < 60_000) return `${one(ms / 1000)} s`;
  if (Math.abs(ms) < 3_600_000) return `${one(ms / 60_000)} min`;
  return `${one(ms / 3_600_000)} h`;
}

/** Average glyph width of the plots' 12 px axis font, with room to spare for wide digits. */
const GLYPH_PX = 7.5;
/** The tick marks and the gap between them and the text. */
const TICK_AND_GAP_PX = 18;

/** The width (px) a y axis needs for its tick texts (uPlot's axis `size`). */
export function axisWidth(tickTexts: readonly string[] | null): number {
  const longest = Math.max(0, ...(tickTexts ?? []).map((text) => text.length));
  return Math.max(40, Math.ceil(longest * GLYPH_PX) + TICK_AND_GAP_PX);
}
