/**
 * What crosses a channel between two tasks (Flink's NettyMessage subset).
 * Data flows producer → consumer as whole network buffers; credit flows consumer → producer.
 * The host routes a message by its channel: a buffer to the channel's consumer task, a credit to its producer.
 */
export interface BufferMessage {
  type: 'buffer';
  /** channelKey(ChannelId) */
  channel: string;
  /** Serialized stream elements (records, watermarks, barriers, end of partition); transferable. */
  data: ArrayBuffer;
  /** The subpartition's queued buffers after this one (credit-based flow control's backlog). */
  backlog: number;
  /** True when the buffer holds an event (barrier, end of partition) that was sent without credit. */
  event: boolean;
}

export interface CreditMessage {
  type: 'credit';
  channel: string;
  /** Newly granted buffers at the receiver (Flink's AddCredit). */
  credit: number;
}

export type NetworkMessage = BufferMessage | CreditMessage;
