import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface HttpJsonClient {
  post(path: string, body: unknown): Promise<{ status: number; body: unknown }>;
  get(path: string): Promise<{ status: number; body: unknown }>;
  stop(): Promise<void>;
}

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

/** Starts the built API (`dist/src/main.js`) as a child process on a free port. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<HttpJsonClient> {
  const port = await freePort();
  // BENCH_API_NODE_ARGS passes flags such as --cpu-prof to the API process, for profiling.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), LOG_LEVEL: 'warn', LOCAL_AUTHORITY_CODE: 'BENCH', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const client = jsonClient(port);
  await waitUntilHealthy(client, child);
  return {
    ...client,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

function jsonClient(port: number): Omit<HttpJsonClient, 'stop'> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const request = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        { host: '127.0.0.1', port, path, method, agent, headers: payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {} },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : undefined }));
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  return { post: (path, body) => request('POST', path, body), get: (path) => request('GET', path) };
}

async function waitUntilHealthy(client: Omit<HttpJsonClient, 'stop'>, child: ReturnType<typeof spawn>): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    if (child.exitCode !== null) throw new Error(`the API exited with code ${child.exitCode}`);
    const healthy = await client.get('/api/health').then((r) => r.status === 200, () => false);
    if (healthy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the API did not become healthy within 30 s');
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  return port;
}
