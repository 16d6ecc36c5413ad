/**
 * A record of every network message that crosses this TaskManager's TCP side, for tests that check the credit
 * protocol end to end (§4): one JSON line per message, written synchronously in the order the main thread sees
 * them. Off unless the cluster starts TaskManagers with a trace directory.
 *   {"dir":"out"|"in","jobId","channel","type":"buffer","backlog","event"} | {...,"type":"credit","credit"}
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { NetworkMessage } from '@sluice/engine';

export class NetworkTrace {
  private readonly fd: number;

  constructor(directory: string, taskManagerId: string) {
    this.fd = openSync(join(directory, `${taskManagerId}.ndjson`), 'a');
  }

  record(dir: 'out' | 'in', jobId: string, message: NetworkMessage): void {
    const entry =
      message.type === 'credit'
        ? { dir, jobId, channel: message.channel, type: 'credit', credit: message.credit }
        : { dir, jobId, channel: message.channel, type: 'buffer', backlog: message.backlog, event: message.event };
    writeSync(this.fd, `${JSON.stringify(entry)}\n`);
  }

  close(): void {
    closeSync(this.fd);
  }
}
