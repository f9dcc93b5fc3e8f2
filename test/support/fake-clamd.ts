import { once } from 'node:events';
import { createServer, type Server, type Socket } from 'node:net';

/** Bytes a test file carries to be "infected": our own marker, not a real virus signature, so no scanner on a contributor's machine flags the repository. */
export const TEST_VIRUS_MARKER = Buffer.from('EHC-TEST-VIRUS-7f3c9a1e', 'latin1');
export const TEST_VIRUS_NAME = 'Ehc.Test.Signature-1';

export interface FakeClamd {
  url: string;
  /** Every stream received whole, as clamd would have scanned it. */
  streams: Buffer[];
  close(): Promise<void>;
}

/**
 * Stands in for the external clamd daemon, which no test machine has: it speaks INSTREAM as
 * clamd(8) does (`zINSTREAM\0`, 4-byte big-endian chunk lengths, a zero-length chunk, one
 * NUL-terminated reply), finding the test marker, and PING (PONG). `silent` accepts and never answers.
 */
export async function startFakeClamd(mode: 'scanning' | 'silent' = 'scanning'): Promise<FakeClamd> {
  const streams: Buffer[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (mode === 'scanning') answerInstream(socket, streams);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  return {
    url: `tcp://127.0.0.1:${port}`,
    streams,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const COMMAND = Buffer.from('zINSTREAM\0', 'latin1');
const PING = Buffer.from('zPING\0', 'latin1');

function answerInstream(socket: Socket, streams: Buffer[]): void {
  let pending = Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let commandRead = false;
  socket.on('data', (data) => {
    pending = Buffer.concat([pending, data]);
    if (!commandRead) {
      if (pending.subarray(0, PING.length).equals(PING)) return void socket.end('PONG\0');
      if (pending.length < COMMAND.length) return;
      if (!pending.subarray(0, COMMAND.length).equals(COMMAND)) return void socket.end('UNKNOWN COMMAND\0');
      pending = pending.subarray(COMMAND.length);
      commandRead = true;
    }
    while (pending.length >= 4) {
      const length = pending.readUInt32BE(0);
      if (length === 0) return void reply(socket, streams, Buffer.concat(chunks));
      if (pending.length < 4 + length) return;
      chunks.push(pending.subarray(4, 4 + length));
      pending = pending.subarray(4 + length);
    }
  });
}

function reply(socket: Socket, streams: Buffer[], stream: Buffer): void {
  streams.push(stream);
  socket.end(stream.includes(TEST_VIRUS_MARKER) ? `stream: ${TEST_VIRUS_NAME} FOUND\0` : 'stream: OK\0');
}
