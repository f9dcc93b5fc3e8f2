import { createHash, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import express, { type NextFunction, type Request, type Response } from 'express';
import nunjucks from 'nunjucks';
import type { AppConfig } from '../config/app-config.js';
import { formatDate, formatDateTime } from './format/dates.js';
import { WEB_PATHS } from './web-paths.js';

export const SERVICE_NAME = 'Manage EHC needs assessments';

const GOVUK_VERSION = (JSON.parse(readFileSync(join(WEB_PATHS.govukTemplates, '..', 'package.json'), 'utf8')) as { version: string }).version;

/** Changes whenever one of this service's own assets does, so their long cache never serves a stale one. */
function webAssetsVersion(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(WEB_PATHS.webAssets).sort()) hash.update(readFileSync(join(WEB_PATHS.webAssets, file)));
  return hash.digest('hex').slice(0, 12);
}

/**
 * Fonts and images have hashed or stable names, and the stylesheet and script are linked with
 * `?v=<govuk-frontend version>`, so a browser may keep them for a year: a council laptop
 * downloads them once.
 */
const LONG_CACHE = { maxAge: '365d', immutable: true, index: false } as const;

/** Views, assets and proxy trust of the web pages; called by configureHttpApp before the routes. */
export function configureWebPages(app: NestExpressApplication, config: AppConfig): void {
  app.set('trust proxy', config.web.trustProxy);
  const views = nunjucks.configure([WEB_PATHS.views, WEB_PATHS.govukTemplates], { autoescape: true, express: app.getHttpAdapter().getInstance() });
  views.addFilter('govukDate', formatDate);
  views.addFilter('govukDateTime', formatDateTime);
  views.addGlobal('serviceName', SERVICE_NAME);
  views.addGlobal('organisationName', config.localAuthority.name);
  views.addGlobal('govukVersion', GOVUK_VERSION);
  views.addGlobal('webAssetsVersion', webAssetsVersion());
  app.useStaticAssets(WEB_PATHS.govukAssets, { prefix: '/assets', ...LONG_CACHE });
  app.useStaticAssets(WEB_PATHS.webAssets, { prefix: '/assets/web', ...LONG_CACHE });
  const build = express.static(WEB_PATHS.govukBuild, LONG_CACHE);
  // Only the compiled stylesheet and script: the package's Sass and template sources stay private.
  app.use('/assets/govuk', (request: Request, response: Response, next: NextFunction) =>
    /^\/govuk-frontend\.min\.(css|js)$/.test(request.path) ? build(request, response, next) : next(),
  );
}

/** A fresh nonce per response for the page's inline scripts (govuk-frontend's template uses `cspNonce`). */
export function cspNonce(_request: Request, response: Response, next: NextFunction): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

/** The Content-Security-Policy `script-src` source that admits this response's inline scripts. */
export const nonceSource = (_request: IncomingMessage, response: ServerResponse): string => `'nonce-${(response as Response).locals.cspNonce}'`;
