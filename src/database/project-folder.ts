import { existsSync, statSync } from 'node:fs';
import { chmod, lstat, mkdir, readdir } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/**
 * The folder this project owns on a machine where it runs as root: the embedded PostgreSQL runs
 * as the `postgres` user, which cannot enter a private checkout (`/root/…`, `mktemp -d`), so its
 * binaries and its default data go here instead. We never open up the user's own folders.
 */
export const PROJECT_FOLDER = '/var/lib/ehc-workflow-engine';

/** The first existing folder above `path` that other users cannot enter, if any. */
export function firstPrivateAncestor(path: string): string | undefined {
  for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) return dir;
  }
  return undefined;
}

/** `mkdir -p` of a folder under PROJECT_FOLDER that other users can enter, whatever the umask. */
export async function mkdirUnderProjectFolder(path: string): Promise<void> {
  await mkdir(path, { recursive: true });
  let dir = PROJECT_FOLDER;
  await chmod(dir, 0o755);
  for (const part of relative(PROJECT_FOLDER, path).split('/').filter(Boolean)) {
    dir = join(dir, part);
    await chmod(dir, 0o755);
  }
}

/** Lets other users read a tree we copied, and run what its owner can run (the umask may have hidden both). */
export async function openTreeToOthers(root: string): Promise<void> {
  await chmod(root, 0o755);
  for (const entry of await readdir(root, { recursive: true })) {
    const path = join(root, entry);
    const stats = await lstat(path);
    if (stats.isSymbolicLink()) continue;
    const executable = stats.isDirectory() || (stats.mode & 0o100) !== 0;
    await chmod(path, executable ? 0o755 : 0o644);
  }
}
