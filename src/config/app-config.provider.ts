import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { AppConfig } from './app-config.js';

/** Injection token of the one validated configuration object. */
export const AppConfigToken = Symbol('AppConfig');

@Global()
@Module({})
export class AppConfigModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [{ provide: AppConfigToken, useValue: config }],
      exports: [AppConfigToken],
    };
  }
}
