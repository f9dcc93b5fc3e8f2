import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';
import { AuthService } from './auth/auth.service.js';
import { ModulesContainer } from '@nestjs/core';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { strictValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { buildOpenApiDocument } from './openapi/openapi-document.js';
import { LocalAuthoritiesService } from './local-authorities/local-authorities.service.js';
import { PageErrors } from './web/page-errors.js';
import { pageRoutes } from './web/page-routes.js';
import { configureWebPages, cspNonce, nonceSource } from './web/web-app.js';

/** Everything the API needs beyond its modules; shared by main.ts and the end-to-end tests. */
export async function configureHttpApp(app: INestApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(Logger));
  hardenHttp(app, config);
  configureWebPages(app as NestExpressApplication, config);
  setApiPrefix(app);
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter(new PageErrors()));
  const authority = await app.get(LocalAuthoritiesService).ensure(config.localAuthority.code, config.localAuthority.name);
  await app.get(AuthService).createFirstAdministrator(authority.id);
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs/openapi.json' });
}

/** The JSON API lives under /api; the web pages (src/web) outside it, at the paths they declare. */
export function setApiPrefix(app: INestApplication): void {
  app.setGlobalPrefix('api', { exclude: pageRoutes(app.get(ModulesContainer)) });
}

/** Request size limit, so one client cannot tie up memory. */
const BODY_LIMIT = '100kb';

/**
 * Security headers (helmet: HSTS, no sniffing, no framing, a same-origin content policy whose
 * only inline scripts are a page's own, by nonce), an explicit body size limit, and CORS closed
 * unless CORS_ORIGINS names the origins to allow.
 */
function hardenHttp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.use(cspNonce);
  express.use(helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", nonceSource] } } }));
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: BODY_LIMIT });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  if (config.auth.corsOrigins.length > 0) {
    app.enableCors({ origin: config.auth.corsOrigins, methods: ['GET', 'POST', 'PATCH'], allowedHeaders: ['Authorization', 'Content-Type', 'If-Match'], exposedHeaders: ['ETag'] });
  }
}
