import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { loadConfig } from '../config/app-config.js';
import { setApiPrefix } from '../http-app.js';
import { buildOpenApiDocument } from './openapi-document.js';

/** Never connected to: preview mode creates no provider, so no database client either. */
const UNUSED_DATABASE_URL = 'postgres://unused.invalid/none';

/**
 * The document the running service serves, built from the modules' metadata alone: Nest's preview
 * mode instantiates no provider, so neither PostgreSQL nor Redis is needed (`npm run lint:openapi`).
 */
export async function previewOpenApiDocument(): Promise<OpenAPIObject> {
  const app = await NestFactory.create(AppModule.register(loadConfig({ LOG_LEVEL: 'silent' }), UNUSED_DATABASE_URL), { preview: true, logger: false });
  setApiPrefix(app);
  return buildOpenApiDocument(app);
}
