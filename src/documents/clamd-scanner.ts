import { connect, type Socket } from 'node:net';
import { ScannerFailure, VirusScanner, type ScanVerdict } from './virus-scanner.js';

/** clamd's StreamMaxLength default is 25 MB; chunks well under its buffer keep any configuration happy. */
const CHUNK_BYTES = 64 * 1024;
const END_OF_STREAM = Buffer.alloc(4);

/**
 * clamd's INSTREAM command over TCP (clamd(8)): `zINSTREAM\0`, then the file as chunks each
 * prefixed by its length as a 4-byte big-endian integer, then a zero-length chunk. clamd answers
 * one NUL-terminated line: `stream: OK`, `stream: <signature> FOUND`, or `... ERROR`.
 */
export class ClamdScanner extends VirusScanner {
  readonly kind = 'clamd';

  constructor(private readonly options: { host: string; port: number; timeoutMs: number }) {
    super();
  }

  protected scan(content: Buffer): Promise<ScanVerdict> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.options.host, port: this.options.port });
      const replies: Buffer[] = [];
      // One deadline for the whole exchange: a daemon that accepts and then says nothing must not hold the upload.
      const timer = setTimeout(() => fail(new ScannerFailure(`clamd at ${this.address()} did not answer within ${this.options.timeoutMs} ms`)), this.options.timeoutMs);
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        socket.destroy();
        outcome();
      };
      const fail = (error: Error) => finish(() => reject(error));
      socket.once('connect', () => sendStream(socket, content));
      socket.on('data', (data) => {
        replies.push(data);
        if (data.includes(0)) finish(() => settle(resolve, reject, Buffer.concat(replies)));
      });
      socket.once('end', () => finish(() => settle(resolve, reject, Buffer.concat(replies))));
      socket.once('error', (error) => fail(new ScannerFailure(`clamd at ${this.address()}: ${error.message}`)));
    });
  }

  private address(): string {
    return `${this.options.host}:${this.options.port}`;
  }
}

function sendStream(socket: Socket, content: Buffer): void {
  socket.write('zINSTREAM\0');
  for (let offset = 0; offset < content.length; offset += CHUNK_BYTES) {
    const chunk = content.subarray(offset, offset + CHUNK_BYTES);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(chunk.length);
    socket.write(length);
    socket.write(chunk);
  }
  socket.write(END_OF_STREAM);
}

/** The verdict in clamd's reply, or a failure for anything else (an ERROR, a size limit, nothing). */
function settle(resolve: (verdict: ScanVerdict) => void, reject: (error: Error) => void, reply: Buffer): void {
  const line = reply.toString('utf8').replace(/\0[^]*$/, '').trim();
  if (line === 'stream: OK') return resolve({ infected: false });
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return resolve({ infected: true, signature: found[1] });
  reject(new ScannerFailure(line === '' ? 'clamd closed the connection without a verdict' : `clamd answered: ${line}`));
}
