import { once } from 'node:events';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { freePort } from './free-port.js';

/**
 * A TCP relay between a client and a real server that the test can cut and restore, so a
 * client's connections fail the way they do when the network or the server goes away.
 */
export class TcpProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(
    readonly port: number,
    private readonly target: { host: string; port: number },
  ) {}

  /** Relays to the host and port of `targetUrl`; `url` is the same URL pointing at the proxy. */
  static async start(targetUrl: string): Promise<TcpProxy> {
    const target = new URL(targetUrl);
    const proxy = new TcpProxy(await freePort(), { host: target.hostname, port: Number(target.port) });
    await proxy.restore();
    return proxy;
  }

  url(targetUrl: string): string {
    const url = new URL(targetUrl);
    url.host = `127.0.0.1:${this.port}`;
    return url.toString();
  }

  /** Refuses new connections and breaks every open one. */
  async cut(): Promise<void> {
    const closed = this.server ? once(this.server, 'close') : Promise.resolve();
    this.server?.close();
    for (const socket of this.sockets) socket.destroy();
    await closed;
    this.server = undefined;
  }

  async restore(): Promise<void> {
    if (this.server) return;
    this.server = createServer((client) => this.relay(client));
    this.server.listen(this.port, '127.0.0.1');
    await once(this.server, 'listening');
  }

  private relay(client: Socket): void {
    const upstream = connect(this.target.port, this.target.host);
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => (socket === client ? upstream : client).destroy());
    }
    client.pipe(upstream).pipe(client);
  }
}
