import { createWidgetApi, findWidgetDist, readWidgetEnv } from '@platform/api/widget';
import type { WidgetApi } from '@platform/api/widget';
import { db } from '~/server/db';
import { liveFeed } from '~/server/live';
import { chatEngine } from './chat-engine';

/**
 * The public widget API, created on first use (not at import, so `next build` needs no database
 * and a missing production secret is reported by the first request, in plain words).
 */
let api: WidgetApi | undefined;
export function widgetApi(): WidgetApi {
  api ??= createWidgetApi({ db, engine: chatEngine(), live: liveFeed() });
  return api;
}

let dist: string | null | undefined;
/** Where the built widget is; looked up again while missing, so a build in progress is picked up. */
export function widgetDist(): string | null {
  if (!dist) dist = findWidgetDist(readWidgetEnv().WIDGET_DIST_DIR);
  return dist;
}
