import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { IsoDate } from '../../workflows/ehc-needs-assessment/index.js';
import type { Sen2Row } from './sen2-extract.service.js';

/**
 * The extract as the JSON document `{ from, to, requests }` it always was (the same bytes as
 * JSON.stringify of it), batch by batch. The opening goes out with the first batch, so a failure
 * before any row is read is still answered as an ordinary error.
 */
export async function* sen2JsonChunks(period: { from: IsoDate; to: IsoDate }, batches: AsyncIterable<Sen2Row[]>): AsyncGenerator<string> {
  let before = `{"from":${JSON.stringify(period.from)},"to":${JSON.stringify(period.to)},"requests":[`;
  for await (const rows of batches) {
    yield before + rows.map((row) => JSON.stringify(row)).join(',');
    before = ',';
  }
  yield `${before === ',' ? '' : before}]}`;
}

export class ClientGoneError extends Error {
  constructor() {
    super('the client closed the connection before the response was written');
  }
}

/**
 * Writes each chunk once the client has taken the last (backpressure), so a large report is never
 * held whole in memory; stops the chunks' source (ending its reads) when the client goes away.
 * `begin` runs before the first chunk is written (the headers).
 */
export async function writeChunks(out: Writable, chunks: AsyncIterable<string> | Iterable<string>, begin: () => void): Promise<void> {
  let first = true;
  for await (const chunk of chunks) {
    if (out.destroyed) throw new ClientGoneError();
    if (first) begin();
    first = false;
    if (!out.write(chunk)) await drainedOrClosed(out);
  }
}

async function drainedOrClosed(out: Writable): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([once(out, 'drain', { signal: stop.signal }), once(out, 'close', { signal: stop.signal })]);
  } finally {
    stop.abort();
  }
  if (out.destroyed) throw new ClientGoneError();
}
