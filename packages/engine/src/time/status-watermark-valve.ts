/**
 * Flink's StatusWatermarkValve [SWV] (§5 Per-channel valve): turns the watermarks and statuses arriving on a
 * task's input channels into the one watermark and status the operator chain sees.
 *
 * - Each channel keeps its own max watermark; a non-increasing watermark on a channel is ignored.
 * - The output is the min over ACTIVE, *aligned* channels, emitted only when it exceeds the last output.
 * - An IDLE channel leaves the min. When every channel is idle the valve flushes the max watermark over all
 *   channels (if the last channel to go idle held the output back) and emits IDLE itself.
 * - A reactivated channel is unaligned until its watermark catches up with the last output, so a lagging
 *   channel never pulls the output backwards.
 */
import { watermark as watermarkElement, type Watermark, type WatermarkStatus } from '../elements/stream-element.js';
import type { Output } from '../operators/stream-operator.js';
import { MIN_TIMESTAMP } from './timestamps.js';

type Status = 'ACTIVE' | 'IDLE';

interface InputChannelStatus {
  watermark: number;
  status: Status;
  aligned: boolean;
}

export type ValveOutput = Pick<Output, 'emitWatermark' | 'emitWatermarkStatus'>;

const statusElement = (idle: boolean): WatermarkStatus => ({ kind: 'watermarkStatus', idle });

export class StatusWatermarkValve {
  private readonly channels: InputChannelStatus[];
  private lastOutputWatermark = MIN_TIMESTAMP;
  private lastOutputStatus: Status = 'ACTIVE';

  constructor(
    numberOfInputChannels: number,
    private readonly output: ValveOutput,
  ) {
    if (!Number.isInteger(numberOfInputChannels) || numberOfInputChannels < 1) {
      throw new Error(`numberOfInputChannels: must be a positive integer, got ${String(numberOfInputChannels)}`);
    }
    this.channels = Array.from({ length: numberOfInputChannels }, () => ({
      watermark: MIN_TIMESTAMP,
      status: 'ACTIVE',
      aligned: true,
    }));
  }

  /** The operator's current input watermark (MIN_TIMESTAMP before the first). */
  get currentWatermark(): number {
    return this.lastOutputWatermark;
  }

  get isIdle(): boolean {
    return this.lastOutputStatus === 'IDLE';
  }

  /** A channel's own max watermark, for metrics and the UI. */
  channelWatermark(channelIndex: number): number {
    return this.channel(channelIndex).watermark;
  }

  inputWatermark({ timestamp: watermark }: Watermark, channelIndex: number): void {
    const channel = this.channel(channelIndex);
    // An idle channel, or an idle valve, has no say in event time.
    if (this.lastOutputStatus === 'IDLE' || channel.status === 'IDLE') return;
    if (watermark <= channel.watermark) return;
    channel.watermark = watermark;
    if (!channel.aligned && watermark >= this.lastOutputWatermark) channel.aligned = true;
    this.emitMinAcrossAlignedChannels();
  }

  inputWatermarkStatus(watermarkStatus: WatermarkStatus, channelIndex: number): void {
    const status: Status = watermarkStatus.idle ? 'IDLE' : 'ACTIVE';
    const channel = this.channel(channelIndex);
    if (status === channel.status) return;
    if (status === 'IDLE') {
      channel.status = 'IDLE';
      channel.aligned = false;
      const heldTheOutput = channel.watermark === this.lastOutputWatermark;
      if (!this.channels.some((c) => c.status === 'ACTIVE')) {
        // No channel will advance any more: release everything that was held back.
        if (heldTheOutput) this.emitMaxAcrossAllChannels();
        this.lastOutputStatus = 'IDLE';
        this.output.emitWatermarkStatus(statusElement(true));
      } else if (heldTheOutput) {
        this.emitMinAcrossAlignedChannels();
      }
    } else {
      channel.status = 'ACTIVE';
      if (channel.watermark >= this.lastOutputWatermark) channel.aligned = true;
      if (this.lastOutputStatus === 'IDLE') {
        this.lastOutputStatus = 'ACTIVE';
        this.output.emitWatermarkStatus(statusElement(false));
      }
    }
  }

  private emitMinAcrossAlignedChannels(): void {
    const aligned = this.channels.filter((c) => c.aligned);
    if (aligned.length === 0) return;
    const min = Math.min(...aligned.map((c) => c.watermark));
    if (min > this.lastOutputWatermark) this.advanceTo(min);
  }

  private emitMaxAcrossAllChannels(): void {
    const max = Math.max(...this.channels.map((c) => c.watermark));
    if (max > this.lastOutputWatermark) this.advanceTo(max);
  }

  private advanceTo(watermark: number): void {
    this.lastOutputWatermark = watermark;
    this.output.emitWatermark(watermarkElement(watermark));
  }

  private channel(channelIndex: number): InputChannelStatus {
    const channel = this.channels[channelIndex];
    if (!channel)
      throw new Error(`channelIndex: ${channelIndex} is not one of the valve's ${this.channels.length} channels`);
    return channel;
  }
}
