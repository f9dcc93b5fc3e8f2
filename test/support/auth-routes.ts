import type { INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import { type ChildDataRoute, LOGS_CHILD_DATA_KEY } from '../../src/access-log/logs-child-data.decorator.js';
import { PAGE_KEY, PERMISSION_KEY, PUBLIC_KEY, SIGNED_IN_KEY, type Permission } from '../../src/auth/permissions.js';

export interface DeclaredRoute {
  method: string;
  /** Express form, with the global prefix for API routes: `/api/cases/:id`; a page's own path: `/case/:id`. */
  path: string;
  controller: string;
  handler: string;
  permission?: Permission;
  isPublic: boolean;
  /** Any signed-in account may use it (@AnySignedIn()). */
  anySignedIn: boolean;
  /** A web page (@PageController()): session, CSRF token and GOV.UK error pages instead of a bearer token and JSON. */
  isPage: boolean;
  /** @LogsChildData(): the route returns a child's identifying data, and writes the access log. */
  logsChildData?: ChildDataRoute;
}

const declares = (key: string, handler: object, controller: object): boolean => Boolean(Reflect.getMetadata(key, handler) ?? Reflect.getMetadata(key, controller));

const join = (...parts: string[]) => `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;

/** Every route of every controller Nest has registered, with what it declares. */
export function declaredRoutes(app: INestApplication, prefix = 'api'): DeclaredRoute[] {
  const scanner = new MetadataScanner();
  const routes: DeclaredRoute[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as { new (...args: never[]): object; name: string } | null;
      if (!controller) continue;
      const base = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
      for (const name of scanner.getAllMethodNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name] as object;
        const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        if (own === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const isPage = declares(PAGE_KEY, handler, controller);
        for (const basePath of base) {
          for (const path of [own].flat()) {
            routes.push({
              method,
              path: isPage ? join(basePath, path) : join(prefix, basePath, path),
              controller: controller.name,
              handler: name,
              permission: Reflect.getMetadata(PERMISSION_KEY, handler) ?? Reflect.getMetadata(PERMISSION_KEY, controller),
              isPublic: declares(PUBLIC_KEY, handler, controller),
              anySignedIn: declares(SIGNED_IN_KEY, handler, controller),
              isPage,
              logsChildData: Reflect.getMetadata(LOGS_CHILD_DATA_KEY, handler),
            });
          }
        }
      }
    }
  }
  return routes;
}

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** What Express will actually answer: `GET /api/cases/:id`, including routes mounted outside Nest. */
export function expressRoutes(app: INestApplication): string[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return express.router.stack
    .filter((layer) => layer.route)
    .flatMap((layer) => Object.keys(layer.route!.methods).map((method) => `${method.toUpperCase()} ${layer.route!.path}`));
}

/** A concrete URL for a route pattern: every `:param` becomes `value`. */
export const concretePath = (path: string, value = '0b8e6a0c-8d0e-4f6e-9a64-3f7f0a0b0c0d') => path.replace(/:[A-Za-z]+/g, value);
