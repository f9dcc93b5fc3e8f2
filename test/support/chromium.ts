import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { PROJECT_ROOT } from '../../src/common/project-root.js';

export interface ChromiumBuild {
  executable: string;
  /** The environment it runs with: the shared libraries it ships (NSS), so the machine needs none. */
  env: Record<string, string>;
}

/**
 * The browser of the browser tests: the headless Chromium build that the `@sparticuz/chromium`
 * dev dependency ships inside its package (brotli-compressed, Linux x64), with the NSS libraries
 * it ships beside it, unpacked once per version under node_modules/.cache: `npm ci && npm test`
 * needs no browser installed and downloads none. CHROMIUM_PATH points the tests at another one.
 */
export async function chromiumBuild(): Promise<ChromiumBuild> {
  if (process.env.CHROMIUM_PATH) return { executable: process.env.CHROMIUM_PATH, env: {} };
  if (`${process.platform}-${process.arch}` !== 'linux-x64') {
    throw new Error(`The browser tests run the Chromium inside @sparticuz/chromium, which is built for Linux x64 only, not ${process.platform}-${process.arch}: set CHROMIUM_PATH to a Chromium or Chrome on this machine.`);
  }
  const packageDir = join(PROJECT_ROOT, 'node_modules', '@sparticuz', 'chromium');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as { version: string };
  const folder = join(PROJECT_ROOT, 'node_modules', '.cache', `chromium-${version}`);
  if (!existsSync(folder)) await unpack(join(packageDir, 'bin'), folder);
  return { executable: join(folder, 'chromium'), env: { LD_LIBRARY_PATH: join(folder, 'lib') } };
}

/** Into a folder of this process's own, then renamed into place: a run cut short leaves no half a browser. */
async function unpack(bin: string, folder: string): Promise<void> {
  const partial = `${folder}.partial-${process.pid}`;
  await mkdir(partial, { recursive: true });
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(partial, 'chromium'), { mode: 0o755 }));
    // lib/: libnss3, libnspr4 and the rest of NSS, built for Amazon Linux 2023 and fine on any glibc 2.34+.
    const tar = spawn('tar', ['-x', '-C', partial], { stdio: ['pipe', 'ignore', 'inherit'] });
    await pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), tar.stdin);
    const [code] = await once(tar, 'exit');
    if (code !== 0) throw new Error(`tar could not unpack ${join(bin, 'al2023.tar.br')} (exit code ${code})`);
    await rename(partial, folder).catch((error: unknown) => {
      if (!existsSync(folder)) throw error; // else another run unpacked it first
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}
