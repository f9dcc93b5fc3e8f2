import { join } from 'node:path';
import { PROJECT_ROOT as root } from '../common/project-root.js';

export const WEB_PATHS = {
  views: join(root, 'src', 'web', 'views'),
  /** This service's own stylesheet, served at /assets/web. */
  webAssets: join(root, 'src', 'web', 'assets'),
  /** `govuk/template.njk`, `govuk/components/…/macro.njk` resolve from here. */
  govukTemplates: join(root, 'node_modules', 'govuk-frontend', 'dist'),
  govukBuild: join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk'),
  govukAssets: join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets'),
};
