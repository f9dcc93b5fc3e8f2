import { type CanActivate, type ExecutionContext, Inject, Injectable, SetMetadata } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError } from '../common/domain-error.js';
import { AppConfigToken } from '../config/app-config.provider.js';
import type { AppConfig } from '../config/app-config.js';
import { AuthOptions } from './auth-options.js';

const SIGN_IN_KEY = 'ehc:sign-in-rate-limited';
const ADVICE_PORTAL_KEY = 'ehc:advice-portal-rate-limited';
const WINDOW_MS = 60_000;

/** Routes that take credentials: held to the tight LOGIN_RATE_LIMIT_PER_MINUTE per client address. */
export const SignInRateLimited = () => SetMetadata(SIGN_IN_KEY, true);

/** The advice portal's pages, whose address is the credential: held to ADVICE_PORTAL_RATE_LIMIT_PER_MINUTE, so tokens cannot be tried in bulk. */
export const AdvicePortalRateLimited = () => SetMetadata(ADVICE_PORTAL_KEY, true);

export class RateLimitedError extends DomainError {
  constructor(seconds: number) {
    super('RATE_LIMITED', `Too many requests from this address: try again in ${seconds} seconds.`);
  }
}

/**
 * Two fixed one-minute windows per client address: a loose one on every API route, and a tight
 * one on sign-in so that password guessing is slow even across many accounts. Counters live in
 * this process's memory, so a deployment of N API processes allows up to N times the figure.
 * (@nestjs/throttler does the same, but is CommonJS requiring the ESM-only NestJS 12, which
 * Jest's ESM runtime cannot load.)
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();
  private lastSweep = Date.now();

  constructor(
    private readonly options: AuthOptions,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    if (ctx.getType() !== 'http') return true;
    const request = ctx.switchToHttp().getRequest<Request>();
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    this.sweep(now);
    this.count(`api|${address}`, this.options.apiRateLimitPerMinute, now, ctx);
    if (Reflect.getMetadata(SIGN_IN_KEY, ctx.getHandler()) === true) {
      this.count(`sign-in|${address}`, this.options.loginRateLimitPerMinute, now, ctx);
    }
    if (Reflect.getMetadata(ADVICE_PORTAL_KEY, ctx.getHandler()) === true) {
      this.count(`advice-portal|${address}`, this.config.advice.portalRateLimitPerMinute, now, ctx);
    }
    return true;
  }

  private count(key: string, limit: number, now: number, ctx: ExecutionContext): void {
    let window = this.windows.get(key);
    if (!window || now - window.startedAt >= WINDOW_MS) {
      window = { startedAt: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit) {
      const seconds = Math.ceil((window.startedAt + WINDOW_MS - now) / 1000);
      ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
      throw new RateLimitedError(seconds);
    }
  }

  /** Forget finished windows once a minute, so memory stays bounded by the addresses of the last minute. */
  private sweep(now: number): void {
    if (now - this.lastSweep < WINDOW_MS) return;
    this.lastSweep = now;
    for (const [key, window] of this.windows) if (now - window.startedAt >= WINDOW_MS) this.windows.delete(key);
  }
}
