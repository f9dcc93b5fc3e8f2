import { describe, expect, it } from '@jest/globals';
import { Writable } from 'node:stream';
import { ClientGoneError, writeChunks } from '../../src/reports/report-stream.js';

/** A client that takes a chunk only when told to, so the writer's waiting can be seen. */
class SlowClient extends Writable {
  taken: string[] = [];
  private pending: (() => void)[] = [];

  constructor() {
    super({ highWaterMark: 1, decodeStrings: false });
  }

  override _write(chunk: string, _: BufferEncoding, done: () => void): void {
    this.pending.push(() => {
      this.taken.push(chunk);
      done();
    });
  }

  takeOne(): void {
    this.pending.shift()?.();
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Streamed reports (writeChunks)', () => {
  it('asks its source for the next chunk only once the client has taken the last', async () => {
    const client = new SlowClient();
    let pulled = 0;
    let ended = false;
    async function* source() {
      try {
        for (const chunk of ['a', 'b', 'c']) {
          pulled += 1;
          yield chunk;
        }
      } finally {
        ended = true;
      }
    }
    const begun: string[] = [];
    const writing = writeChunks(client, source(), () => begun.push('headers'));
    await tick();
    expect(begun).toEqual(['headers']);
    expect(pulled).toBe(1);
    client.takeOne();
    await tick();
    expect(pulled).toBe(2);
    client.takeOne();
    await tick();
    client.takeOne();
    await writing;
    expect(client.taken).toEqual(['a', 'b', 'c']);
    expect(ended).toBe(true);
  });

  it('stops its source (ending its reads) when the client goes away, and says so', async () => {
    const client = new SlowClient();
    let ended = false;
    async function* source() {
      try {
        for (let i = 0; ; i++) yield `row ${i}\n`;
      } finally {
        ended = true;
      }
    }
    const writing = writeChunks(client, source(), () => undefined);
    await tick();
    client.destroy();
    await expect(writing).rejects.toBeInstanceOf(ClientGoneError);
    expect(ended).toBe(true);
  });
});
