/**
 * Event time as a teacher writes it on the board. The engine keeps Flink's long range in JS numbers: the
 * initial watermark is Long.MIN_VALUE (Number.MIN_SAFE_INTEGER here) and the final one +Infinity (or the
 * largest exact long), which mean "no event time yet" and "end of event time", so they read as −∞ and +∞.
 */
import type { InFlightElement } from '@sluice/engine';
import type { Translate } from '../i18n';

const MIN_EXACT = Number.MIN_SAFE_INTEGER;
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

export function formatEventTime(time: number | null | undefined): string {
  if (time === null || time === undefined) return '—';
  if (time <= MIN_EXACT) return '−∞';
  if (time >= MAX_EXACT) return '+∞';
  return String(time);
}

/** JSON without the quotes a reader does not need: {"sensor":"s1","v":4} reads {sensor:s1,v:4}. */
function compactJson(value: unknown): string {
  if (typeof value === 'string') return /^[A-Za-z_][\w.-]*$/.test(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(compactJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}:${compactJson(v)}`)
      .join(',')}}`;
  }
  return value === undefined ? 'undefined' : String(value);
}

/** A record's value in a chip: compact, cut when long. */
export function formatValue(value: unknown, max = 24): string {
  const text = compactJson(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** `value@timestamp`, Flink's StreamRecord as the step view draws it; no `@` for a record without a timestamp. */
export function formatRecord(value: unknown, timestamp: number | undefined): string {
  return timestamp === undefined ? formatValue(value) : `${formatValue(value)}@${formatEventTime(timestamp)}`;
}

/** A window as Flink prints a TimeWindow's range: [start,end). */
export function formatWindow(start: number, end: number): string {
  return `[${formatEventTime(start)},${formatEventTime(end)})`;
}

/** A stream element as a chip and the step log print it (a StepEvent is the element it moved). */
export function formatElement(t: Translate, element: InFlightElement): string {
  switch (element.kind) {
    case 'record':
      return formatRecord(element.value, element.timestamp);
    case 'watermark':
      return `${t('step.wm')} ${formatEventTime(element.watermark)}`;
    case 'watermarkStatus':
      return element.idle ? t('step.idle') : t('step.active');
    default:
      return t('step.kind.endOfPartition');
  }
}
