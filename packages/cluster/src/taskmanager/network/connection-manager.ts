/**
 * The TaskManager's TCP side of the network stack (Flink's NettyConnectionManager): a server on 127.0.0.1
 * and ONE connection per TaskManager pair, dialed lazily by whichever side sends first. If both sides dial
 * at once, the HELLO/ACCEPT handshake keeps the connection dialed by the TaskManager with the smaller id, so
 * every channel's messages travel one ordered stream.
 */
import net from 'node:net';
import { encodeFrame, FrameDecoder, type Frame } from './frame.js';

export type DataFrame = Extract<Frame, { kind: 'data' }>;

interface PeerConnection {
  socket: net.Socket;
  established: boolean;
}

export class ConnectionManager {
  private readonly server = net.createServer((socket) => this.accept(socket));
  private readonly connections = new Map<string, PeerConnection>();
  /**
   * Frames for a peer written before its connection completed its handshake. Kept per peer, not per socket:
   * when both sides dial at once the losing dial is closed, and its frames go out on the winning connection.
   */
  private readonly pending = new Map<string, Buffer[]>();

  constructor(
    private readonly selfId: string,
    private readonly onDataFrame: (frame: DataFrame) => void,
  ) {}

  /** Starts listening on an ephemeral port of 127.0.0.1; resolves with the port. */
  listen(): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        const address = this.server.address();
        if (address === null || typeof address === 'string') reject(new Error('data server has no TCP address'));
        else resolve(address.port);
      });
    });
  }

  send(peerId: string, peerPort: number, frame: DataFrame): void {
    const connection = this.connections.get(peerId) ?? this.dial(peerId, peerPort);
    const bytes = encodeFrame(frame);
    if (connection.established) connection.socket.write(bytes);
    else {
      const queued = this.pending.get(peerId);
      if (queued) queued.push(bytes);
      else this.pending.set(peerId, [bytes]);
    }
  }

  /** Number of open connections to other TaskManagers (each one serves a pair). */
  connectionCount(): number {
    return [...this.connections.values()].filter((c) => c.established).length;
  }

  close(): void {
    for (const connection of this.connections.values()) connection.socket.destroy();
    this.connections.clear();
    this.pending.clear();
    this.server.close();
  }

  private dial(peerId: string, peerPort: number): PeerConnection {
    const socket = net.connect(peerPort, '127.0.0.1');
    const connection: PeerConnection = { socket, established: false };
    this.connections.set(peerId, connection);
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(encodeFrame({ kind: 'hello', taskManagerId: this.selfId })));
    this.readFrames(
      socket,
      () => peerId,
      (frame) => {
        if (frame.kind !== 'accept') return false;
        this.establish(peerId, connection);
        return true;
      },
    );
    return connection;
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    let peerId: string | undefined;
    this.readFrames(
      socket,
      () => peerId,
      (frame) => {
        if (frame.kind !== 'hello' || peerId !== undefined) return false;
        peerId = frame.taskManagerId;
        const existing = this.connections.get(peerId);
        const dialingToo = existing !== undefined && !existing.established;
        if (existing?.established || (dialingToo && this.selfId < peerId)) {
          // Our own dial wins; the peer adopts it when our HELLO reaches it.
          socket.destroy();
          return true;
        }
        if (dialingToo) existing.socket.destroy();
        const connection: PeerConnection = { socket, established: false };
        this.connections.set(peerId, connection);
        socket.write(encodeFrame({ kind: 'accept' }));
        this.establish(peerId, connection);
        return true;
      },
    );
  }

  private establish(peerId: string, connection: PeerConnection): void {
    connection.established = true;
    for (const bytes of this.pending.get(peerId) ?? []) connection.socket.write(bytes);
    this.pending.delete(peerId);
    connection.socket.on('close', () => {
      if (this.connections.get(peerId) === connection) this.connections.delete(peerId);
    });
  }

  /** Reads frames off a socket: handshake frames go to `onHandshake`, data frames to the TaskManager. */
  private readFrames(
    socket: net.Socket,
    peerId: () => string | undefined,
    onHandshake: (frame: Frame) => boolean,
  ): void {
    const decoder = new FrameDecoder();
    socket.on('data', (chunk: Buffer) => {
      for (const frame of decoder.push(chunk)) {
        if (frame.kind === 'data') this.onDataFrame(frame);
        else if (!onHandshake(frame)) {
          console.error(
            `${this.selfId}: unexpected ${frame.kind} frame from ${peerId() ?? 'an unidentified TaskManager'}; closing`,
          );
          socket.destroy();
          return;
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      const id = peerId();
      // A connection that never completed its handshake: forget it, so the next send dials again.
      if (id !== undefined && this.connections.get(id)?.socket === socket && !this.connections.get(id)?.established)
        this.connections.delete(id);
    });
  }
}
