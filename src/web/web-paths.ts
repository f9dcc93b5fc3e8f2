import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project folder: the nearest folder above this file holding package.json. Templates are
 * not compiled, so they are read from the source tree whether this file runs from `src/` (the
 * tests) or from `dist/src/` (`npm start`, the Docker image).
 */
function projectRoot(): string {
  let folder = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(folder, 'package.json'))) {
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`No package.json above ${fileURLToPath(import.meta.url)}: cannot find the page templates.`);
    folder = parent;
  }
  return folder;
}

const root = projectRoot();

export const WEB_PATHS = {
  views: join(root, 'src', 'web', 'views'),
  /** This service's own stylesheet, served at /assets/web. */
  webAssets: join(root, 'src', 'web', 'assets'),
  /** `govuk/template.njk`, `govuk/components/…/macro.njk` resolve from here. */
  govukTemplates: join(root, 'node_modules', 'govuk-frontend', 'dist'),
  govukBuild: join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk'),
  govukAssets: join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets'),
};
