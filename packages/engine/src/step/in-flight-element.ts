/** A stream element as the step view shows it: a JSON copy, so later steps (or user code) cannot change it. */
import type { StreamElement } from '../elements/stream-element.js';
import { eventTimeJson } from './event-time-json.js';
import type { InFlightElement } from './step-types.js';

export function inFlightElement(element: StreamElement): InFlightElement {
  switch (element.kind) {
    case 'record':
      return element.timestamp === undefined
        ? { kind: 'record', value: structuredClone(element.value) }
        : { kind: 'record', value: structuredClone(element.value), timestamp: element.timestamp };
    case 'watermark':
      return { kind: 'watermark', watermark: eventTimeJson(element.timestamp) };
    case 'watermarkStatus':
      return { kind: 'watermarkStatus', idle: element.idle };
    case 'endOfPartition':
      return { kind: 'endOfPartition' };
    case 'barrier':
      throw new Error(`checkpoint barrier ${element.checkpointId}: the step mode runs without checkpointing`);
  }
}
