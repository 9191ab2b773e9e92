import type { LivekitConfig } from './env';
import { requireLivekitConfig } from './env';

/**
 * Optional last argument of every entry point. Production passes nothing (settings come from the
 * env module, time from the clock); tests pass a config pointing at their in-test room service.
 */
export interface MeetingsOptions {
  livekit?: LivekitConfig;
  now?: () => Date;
}

export const resolveLivekit = (options: MeetingsOptions = {}): LivekitConfig =>
  options.livekit ?? requireLivekitConfig();

export const clock = (options: MeetingsOptions = {}): Date => (options.now ? options.now() : new Date());
