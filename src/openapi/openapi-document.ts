import type { INestApplication, Type } from '@nestjs/common';
import { MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, type OperationObject, type ResponseObject, SwaggerModule } from '@nestjs/swagger';
import { type RouteAccess, routeAccess } from '../auth/route-access.js';
import { ErrorResponse } from '../cases/case-responses.js';

/** The security scheme every route behind a bearer token names. */
export const BEARER_SCHEME = 'bearer';

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;

/** `Controller_method`, as Nest's swagger names operations: the key from a documented operation back to its handler. */
const operationId = (controllerKey: string, methodKey: string) => `${controllerKey}_${methodKey}`;

/**
 * The API's OpenAPI document (served at /api/docs/openapi.json). Each operation's security and
 * the answers of the global guards are filled in from the decorators the guards themselves read
 * (`routeAccess`), so no route can be documented open while it wants a token, or the other way round.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('EHC needs assessment workflow engine')
    .setDescription('Statutory process, clock and case records for EHC needs assessments (SEND Regulations 2014).')
    .setVersion('1')
    .setLicense('MIT', 'https://opensource.org/license/mit')
    // The document is served by the service it describes; every path below names its /api prefix.
    .addServer('/', 'This service')
    .addBearerAuth({ type: 'http', description: 'The accessToken from POST /api/auth/login or /api/auth/refresh.' }, BEARER_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId, extraModels: [ErrorResponse] });
  documentAccess(document, accessByOperationId(app.get(ModulesContainer)));
  return document;
}

function accessByOperationId(modules: ModulesContainer): Map<string, RouteAccess> {
  const reflector = new Reflector();
  const scanner = new MetadataScanner();
  const controllers = [...modules.values()]
    .flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type | null))
    .filter((controller): controller is Type => controller !== null);
  return new Map(
    controllers.flatMap((controller) =>
      scanner.getAllMethodNames(controller.prototype).map((name) => {
        const handler = controller.prototype[name] as Function;
        return [operationId(controller.name, name), routeAccess(reflector, handler, controller)] as const;
      }),
    ),
  );
}

function documentAccess(document: OpenAPIObject, access: Map<string, RouteAccess>): void {
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const route = access.get(operation.operationId ?? '');
      const name = `${method.toUpperCase()} ${path}`;
      if (!route) throw new Error(`The OpenAPI operation ${name} (${operation.operationId}) matches no route handler, so its security is unknown.`);
      if (route.credential === 'session') throw new Error(`${name} is a web page (session sign-in): pages are left out of the API document.`);
      operation.security = route.public ? [] : [{ [BEARER_SCHEME]: [] }];
      addGuardResponses(operation, route);
    }
  }
}

const errorResponse = (description: string): ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponse) } } },
});

/** What the global guards (rate-limits.ts, access.guard.ts) answer before the route runs; a route's own description of a status wins. */
function addGuardResponses(operation: OperationObject, route: RouteAccess): void {
  const responses: Record<string, ResponseObject> = {
    '429': {
      ...errorResponse('Too many requests from this address (API_RATE_LIMIT_PER_MINUTE; on sign-in routes LOGIN_RATE_LIMIT_PER_MINUTE).'),
      headers: { 'Retry-After': { description: 'Seconds until the window resets.', schema: { type: 'integer' } } },
    },
  };
  if (!route.public) {
    responses['401'] = errorResponse(
      'No valid bearer token (missing, malformed or expired, or issued before the password was last changed), or its account is disabled.',
    );
    const refusals = [
      ...(route.forPasswordChange ? [] : ['PASSWORD_CHANGE_REQUIRED: an administrator reset your password, so choose a new one first.']),
      ...(route.anySignedIn ? [] : [route.permission ? `Your roles do not grant the permission ${route.permission}.` : 'The route declares no permission, so nobody may use it.']),
    ];
    if (refusals.length > 0) responses['403'] = errorResponse(refusals.join(' Or: '));
  }
  for (const [status, response] of Object.entries(responses)) operation.responses[status] ??= response;
}
