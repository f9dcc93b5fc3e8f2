import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'node:net';
import { once } from 'node:events';
import { ClamdScanner } from '../../src/documents/clamd-scanner.js';
import { FileInfectedError, VirusScannerUnavailableError } from '../../src/documents/documents.errors.js';
import { startFakeClamd, TEST_VIRUS_MARKER, TEST_VIRUS_NAME, type FakeClamd } from '../support/fake-clamd.js';

const scannerAt = (url: string, timeoutMs = 1_000) => {
  const { hostname, port } = new URL(url);
  return new ClamdScanner({ host: hostname, port: Number(port), timeoutMs });
};

describe(ClamdScanner.name, () => {
  let clamd: FakeClamd;
  beforeAll(async () => {
    clamd = await startFakeClamd();
  });
  afterAll(async () => clamd.close());

  it('streams a file larger than one chunk whole, and passes it when clamd says OK', async () => {
    const large = Buffer.alloc(200_000, 0x61);
    await expect(scannerAt(clamd.url).screen([{ filename: 'large.pdf', content: large }])).resolves.toBeUndefined();
    expect(clamd.streams.at(-1)).toEqual(large);
  });

  it('refuses a file clamd finds a signature in, naming the file and the signature', async () => {
    const refusal = scannerAt(clamd.url).screen([{ filename: 'ok.pdf', content: Buffer.from('fine') }, { filename: 'bad.pdf', content: TEST_VIRUS_MARKER }]);
    await expect(refusal).rejects.toBeInstanceOf(FileInfectedError);
    await expect(refusal).rejects.toThrow(`“bad.pdf” was not sent: the virus check found ${TEST_VIRUS_NAME} in it.`);
  });

  it('fails closed on an ERROR reply, on a connection closed without a verdict, and on silence', async () => {
    const replies = ['INSTREAM size limit exceeded. ERROR\0', ''];
    for (const reply of replies) {
      const server = await serverAnswering(reply);
      const { port } = server.address() as { port: number };
      await expect(scannerAt(`tcp://127.0.0.1:${port}`).screen([{ filename: 'a.pdf', content: Buffer.from('x') }])).rejects.toBeInstanceOf(VirusScannerUnavailableError);
      server.close();
    }
    const silent = await startFakeClamd('silent');
    const started = Date.now();
    await expect(scannerAt(silent.url, 200).screen([{ filename: 'a.pdf', content: Buffer.from('x') }])).rejects.toBeInstanceOf(VirusScannerUnavailableError);
    expect(Date.now() - started).toBeLessThan(5_000);
    await silent.close();
  });
});

/** A daemon that answers every connection with `reply` and closes it. */
async function serverAnswering(reply: string): Promise<Server> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end(reply));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}
