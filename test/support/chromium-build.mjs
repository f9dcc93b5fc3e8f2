// The browser of the browser tests. Plain JavaScript so that `npm test` can run it before Jest
// (`pretest`: unpack once, check that it starts, or stop with a message) and the tests can import it.
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';

const run = promisify(execFile);
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The headless Chromium build that the `@sparticuz/chromium` dev dependency ships inside its
 * package (brotli-compressed, Linux x64), with the NSS libraries it ships beside it, unpacked
 * once per version under node_modules/.cache: `npm ci && npm test` needs no browser installed
 * and downloads none. CHROMIUM_PATH points the tests at another Chromium or Chrome instead.
 */
export async function chromiumBuild() {
  if (process.env.CHROMIUM_PATH) return { executable: process.env.CHROMIUM_PATH, env: {} };
  if (`${process.platform}-${process.arch}` !== 'linux-x64') {
    throw new Error(`The browser tests run the Chromium inside @sparticuz/chromium, which is built for Linux x64 only, not ${process.platform}-${process.arch}: set CHROMIUM_PATH to a Chromium or Chrome on this machine.`);
  }
  const packageDir = join(PROJECT_ROOT, 'node_modules', '@sparticuz', 'chromium');
  const { version } = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8'));
  const folder = join(PROJECT_ROOT, 'node_modules', '.cache', `chromium-${version}`);
  if (!existsSync(folder)) await unpack(join(packageDir, 'bin'), folder);
  return { executable: join(folder, 'chromium'), env: { LD_LIBRARY_PATH: join(folder, 'lib') } };
}

/** Into a folder of this process's own, then renamed into place: a run cut short leaves no half a browser. */
async function unpack(bin, folder) {
  const partial = `${folder}.partial-${process.pid}`;
  await mkdir(partial, { recursive: true });
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(partial, 'chromium'), { mode: 0o755 }));
    // lib/: libnss3, libnspr4 and the rest of NSS, built for Amazon Linux 2023 (glibc 2.34 or later).
    // Through a file, not a pipe: tar stops reading at the end-of-archive blocks, before the padding.
    const libraries = join(partial, 'al2023.tar');
    await pipeline(createReadStream(join(bin, 'al2023.tar.br')), createBrotliDecompress(), createWriteStream(libraries));
    await run('tar', ['-x', '-f', libraries, '-C', partial]);
    await rm(libraries);
    await rename(partial, folder).catch((error) => {
      if (!existsSync(folder)) throw error; // else another run unpacked it first
    });
  } finally {
    await rm(partial, { recursive: true, force: true });
  }
}

/** `pretest`: the browser is there and starts, or `npm test` stops here saying why. */
async function checkBeforeTests() {
  try {
    const { executable, env } = await chromiumBuild();
    const { stdout } = await run(executable, ['--version'], { env: { ...process.env, ...env } }).catch((error) => {
      throw new Error(`${executable} does not start: ${error.stderr?.trim() || error.message}`);
    });
    process.stdout.write(`Browser tests: ${stdout.trim()} (${executable})\n`);
  } catch (error) {
    process.stderr.write(`The browser tests cannot run: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await checkBeforeTests();
