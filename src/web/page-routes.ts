import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, type ModulesContainer } from '@nestjs/core';
import { mapToExcludeRoute } from '@nestjs/core/middleware/utils.js';
import { isRouteExcluded } from '@nestjs/core/router/utils/exclude-route.util.js';
import { PAGE_KEY } from '../auth/permissions.js';

export interface RouteInfo {
  path: string;
  method: RequestMethod;
}

const isPageController = (controller: Type) => Reflect.getMetadata(PAGE_KEY, controller) === true;

function controllers(modules: ModulesContainer): Type[] {
  return [...modules.values()]
    .flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type | null))
    .filter((controller): controller is Type => controller !== null);
}

/** Every controller declared with @PageController(), in whichever module. */
export function pageControllers(modules: ModulesContainer): Type[] {
  return controllers(modules).filter(isPageController);
}

const joinPath = (...parts: string[]) => `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;

function routesOf(controller: Type, scanner: MetadataScanner): RouteInfo[] {
  const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
  return scanner.getAllMethodNames(controller.prototype).flatMap((name) => {
    const handler = controller.prototype[name] as object;
    const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
    if (own === undefined) return [];
    const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
    return bases.flatMap((base) => [own].flat().map((path) => ({ path: joinPath(base, path), method })));
  });
}

/**
 * The method and path of every page route: what the `api` prefix leaves out (http-app.ts).
 * Nest decides what a prefix exclusion covers by path alone, so a page route with the path of an
 * API route (`/cases/:id`) would take that API route out of /api too: start-up stops instead.
 */
export function pageRoutes(modules: ModulesContainer): RouteInfo[] {
  const scanner = new MetadataScanner();
  const pages = pageControllers(modules).flatMap((controller) => routesOf(controller, scanner));
  const excluded = mapToExcludeRoute(pages);
  for (const controller of controllers(modules).filter((c) => !isPageController(c))) {
    const taken = routesOf(controller, scanner).find((route) => isRouteExcluded(excluded, route.path, route.method));
    if (taken) {
      const name = `${RequestMethod[taken.method]} /api${taken.path}`;
      throw new Error(`A web page has the path of the API route ${name} (${controller.name}), which would then be served outside /api: give the page another path.`);
    }
  }
  return pages;
}
