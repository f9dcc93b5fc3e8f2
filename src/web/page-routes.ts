import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { MetadataScanner, type ModulesContainer } from '@nestjs/core';
import { PAGE_KEY } from '../auth/permissions.js';

/** Every controller declared with @PageController(), in whichever module. */
export function pageControllers(modules: ModulesContainer): Type[] {
  return [...modules.values()]
    .flatMap((module) => [...module.controllers.values()].map((wrapper) => wrapper.metatype as Type | null))
    .filter((controller): controller is Type => controller !== null && Reflect.getMetadata(PAGE_KEY, controller) === true);
}

const joinPath = (...parts: string[]) => `/${parts.flatMap((part) => part.split('/')).filter(Boolean).join('/')}`;

/** The method and path of every page route: what the `api` prefix leaves out (http-app.ts). */
export function pageRoutes(modules: ModulesContainer): { path: string; method: RequestMethod }[] {
  const scanner = new MetadataScanner();
  return pageControllers(modules).flatMap((controller) => {
    const bases = [Reflect.getMetadata(PATH_METADATA, controller) ?? ''].flat() as string[];
    return scanner.getAllMethodNames(controller.prototype).flatMap((name) => {
      const handler = controller.prototype[name] as object;
      const own = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (own === undefined) return [];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod;
      return bases.flatMap((base) => [own].flat().map((path) => ({ path: joinPath(base, path), method })));
    });
  });
}
