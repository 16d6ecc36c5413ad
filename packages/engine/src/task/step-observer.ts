/**
 * The hook the step mode (src/step) puts into a task through its TaskHost. A task whose host carries a
 * StepObserver runs at the smallest grain the runtime has, so that one mailbox turn moves one element: it
 * takes one input element per turn, its source emits one record per turn, and it reports every element it
 * takes in, writes into a channel, or emits from an operator. The cluster never sets it, so there the task
 * runs exactly as without it.
 */
import type { StreamElement, StreamRecord, Watermark, WatermarkStatus } from '../elements/stream-element.js';
import type { Output } from '../operators/stream-operator.js';

export interface StepObserver {
  /** The task took `element` out of input channel `channel` (a channelKey), just before processing it. */
  elementTaken(channel: string, element: StreamElement): void;
  /** `element` entered output channel `channel`: a record the partitioner chose it for, or an event time element / end of partition on every channel. */
  elementWritten(channel: string, element: StreamElement): void;
  /** Operator `operatorId` of the chain emitted `element` into its Output (`sideOutput`: the tag of a side-output record). */
  operatorEmitted(operatorId: string, element: StreamRecord | Watermark | WatermarkStatus, sideOutput?: string): void;
}

/** The Output an operator pushes into, reporting each emission before passing it on. */
export function observedOutput(operatorId: string, output: Output, observer: StepObserver): Output {
  return {
    collect: (record) => {
      observer.operatorEmitted(operatorId, record);
      output.collect(record);
    },
    collectSideOutput: (tag, record) => {
      observer.operatorEmitted(operatorId, record, tag);
      output.collectSideOutput(tag, record);
    },
    emitWatermark: (watermark) => {
      observer.operatorEmitted(operatorId, watermark);
      output.emitWatermark(watermark);
    },
    emitWatermarkStatus: (status) => {
      observer.operatorEmitted(operatorId, status);
      output.emitWatermarkStatus(status);
    },
  };
}
