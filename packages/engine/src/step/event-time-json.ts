/**
 * Event time as JSON can carry it. Inside the engine the final watermark is +Infinity (elements/), which JSON
 * writes as null; the step mode reports it as Flink's Long.MAX_VALUE stand-in instead, which the engine also
 * reads as the end of event time (time/timestamps.ts).
 */
import { MAX_TIMESTAMP } from '../time/timestamps.js';

/** The end of event time in step events and snapshots. */
export const END_OF_EVENT_TIME = MAX_TIMESTAMP;

export const eventTimeJson = (time: number): number => (time >= MAX_TIMESTAMP ? END_OF_EVENT_TIME : time);
