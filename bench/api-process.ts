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

const BENCH_ADMIN = { email: 'bench.admin@bench.example', password: 'bench-admin-password-1' };
const BENCH_CASEWORKER = { email: 'bench.caseworker@bench.example', password: 'bench-caseworker-password-1' };

const MAIN = fileURLToPath(new URL('../src/main.js', import.meta.url));

/** Starts the built API (`dist/src/main.js`) as a child process on a free port. */
export async function startApiProcess(databaseUrl: string, env: Record<string, string> = {}): Promise<HttpJsonClient> {
  const port = await freePort();
  // BENCH_API_NODE_ARGS passes flags such as --cpu-prof to the API process, for profiling.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOCAL_AUTHORITY_CODE: 'BENCH',
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      API_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  await waitUntilHealthy(jsonClient(port), child);
  const client = jsonClient(port, await caseworkerToken(port));
  return {
    ...client,
    stop: async () => {
      child.kill('SIGTERM');
      await once(child, 'exit');
    },
  };
}

/** The bench acts as a caseworker, created by the first administrator, as a council would. */
async function caseworkerToken(port: number): Promise<string> {
  const admin = jsonClient(port, await signIn(port, BENCH_ADMIN));
  const created = await admin.post('/api/users', { ...BENCH_CASEWORKER, roles: ['caseworker'] });
  if (created.status !== 201) throw new Error(`creating the bench caseworker answered ${created.status}`);
  return signIn(port, BENCH_CASEWORKER);
}

async function signIn(port: number, account: { email: string; password: string }): Promise<string> {
  const response = await jsonClient(port).post('/api/auth/login', account);
  if (response.status !== 200 && response.status !== 201) throw new Error(`signing in answered ${response.status}`);
  return (response.body as { accessToken: string }).accessToken;
}

function jsonClient(port: number, token?: string): Omit<HttpJsonClient, 'stop'> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const authorization: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const request = (method: string, path: string, body?: unknown) =>
    new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        { host: '127.0.0.1', port, path, method, agent, headers: payload ? { ...authorization, 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : authorization },
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
