import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { promisify } from 'node:util';

const BUILD_TIMEOUT_MS = 120_000;

/** Compiles the application as `npm run build` does, so a test can run the real entry points. */
export async function buildApplication(): Promise<void> {
  await promisify(execFile)(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { timeout: BUILD_TIMEOUT_MS });
}

/**
 * `node dist/src/worker.js` (what `npm run start:worker` runs) in a process of its own, so a
 * test can kill it outright, as a crash or an out-of-memory kill would.
 */
export class WorkerProcess {
  private constructor(private readonly child: ChildProcess) {}

  static async start(env: Record<string, string>): Promise<WorkerProcess> {
    const child = spawn(process.execPath, ['dist/src/worker.js'], {
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const watch = (chunk: Buffer) => {
        output.push(chunk.toString());
        if (chunk.toString().includes('workers are running')) resolve();
      };
      child.stdout!.on('data', watch);
      child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      child.once('exit', (code) => reject(new Error(`the worker exited with ${code} before it was ready:\n${output.join('')}`)));
    });
    child.stdout!.resume();
    return new WorkerProcess(child);
  }

  /** SIGKILL: no shutdown hook runs, no lock is released, no job is handed back. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  /** SIGTERM: the worker finishes what it holds and closes its connections. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = once(this.child, 'exit');
    this.child.kill(signal);
    await exited;
  }
}
