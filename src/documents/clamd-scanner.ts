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

  protected async scan(content: Buffer): Promise<ScanVerdict> {
    return verdictOf(await this.exchange((socket) => sendStream(socket, content)));
  }

  /** clamd's PING, for the health check: it answers PONG when it is up and ready to scan. */
  async ping(timeoutMs: number): Promise<void> {
    const reply = (await this.exchange((socket) => socket.write('zPING\0'), Math.min(timeoutMs, this.options.timeoutMs))).replace(/\0[^]*$/, '').trim();
    if (reply !== 'PONG') throw new ScannerFailure(reply === '' ? 'clamd closed the connection without answering PING' : `clamd answered PING with: ${reply}`);
  }

  /** One command and its NUL-terminated reply, within one deadline: a daemon that accepts and then says nothing must not hold the caller. */
  private exchange(send: (socket: Socket) => void, timeoutMs = this.options.timeoutMs): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: this.options.host, port: this.options.port });
      const replies: Buffer[] = [];
      const timer = setTimeout(() => fail(new ScannerFailure(`clamd at ${this.address()} did not answer within ${timeoutMs} ms`)), timeoutMs);
      const finish = (outcome: () => void) => {
        clearTimeout(timer);
        socket.destroy();
        outcome();
      };
      const fail = (error: Error) => finish(() => reject(error));
      const answered = () => finish(() => resolve(Buffer.concat(replies).toString('utf8')));
      socket.once('connect', () => send(socket));
      socket.on('data', (data) => {
        replies.push(data);
        if (data.includes(0)) answered();
      });
      socket.once('end', answered);
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

/** The verdict in clamd's reply; a failure for anything else (an ERROR, a size limit, nothing). */
function verdictOf(reply: string): ScanVerdict {
  const line = reply.replace(/\0[^]*$/, '').trim();
  if (line === 'stream: OK') return { infected: false };
  const found = /^stream: (.+) FOUND$/.exec(line);
  if (found) return { infected: true, signature: found[1] };
  throw new ScannerFailure(line === '' ? 'clamd closed the connection without a verdict' : `clamd answered: ${line}`);
}
