import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder: the nearest folder above this file holding package.json. Templates are
 * not compiled, so they are read from the source tree whether the code runs from `src/` (the
 * tests) or from `dist/src/` (`npm start`, the Docker image).
 */
function findProjectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}: cannot find the templates.`);
    folder = parent;
  }
  return folder;
}

export const PROJECT_ROOT = findProjectRoot();
