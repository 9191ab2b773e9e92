import type { WidgetApiContext } from '../context';
import { enforceRateLimit, rateRules } from '../context';
import { clientAddress } from '../../lib/client-address';
import { errorResponse, json } from '../http';
import { isOriginAllowed, normalizeOrigin } from '../origin';
import type { DiagnoseResponse } from '../protocol';
import { resolveWidget } from '../store';

/**
 * GET /api/widget/{id}/diagnose?origin=...: why the widget cannot start on a page, in plain words.
 * The loader cannot read a refused session answer (no CORS for origins off the whitelist), so the
 * frame, which is same-origin with this API, asks here and hands the words to the loader to log.
 * It reveals nothing a caller could not learn by sending that Origin itself.
 */
export async function diagnose(
  ctx: WidgetApiContext,
  request: Request,
  widgetId: string,
): Promise<Response> {
  try {
    await enforceRateLimit(ctx, rateRules(ctx.env, { ip: clientAddress(request.headers) }));
    const raw = new URL(request.url).searchParams.get('origin');
    const origin = normalizeOrigin(raw);
    const widget = await resolveWidget(ctx.db, widgetId);
    return json(explain(widgetId, origin ?? raw ?? '(none)', widget, origin));
  } catch (error) {
    return errorResponse(error);
  }
}

function explain(
  widgetId: string,
  shown: string,
  widget: Awaited<ReturnType<typeof resolveWidget>>,
  origin: string | null,
): DiagnoseResponse {
  const prefix = `[chat widget] The chat widget cannot start on this page:`;
  if (!widget)
    return {
      code: 'widget_not_found',
      message: `${prefix} no widget has the id "${widgetId}". Copy the embed code again from the dashboard (Widgets).`,
    };
  if (!widget.isActive)
    return {
      code: 'widget_inactive',
      message: `${prefix} widget "${widgetId}" is turned off. Activate it in the dashboard (Widgets).`,
    };
  if (!isOriginAllowed(origin, widget.domainWhitelist))
    return {
      code: 'origin_not_allowed',
      message: `${prefix} ${shown} is not in the allowed domains of widget "${widgetId}". Add exactly "${shown}" to its domain whitelist in the dashboard (Widgets).`,
    };
  return { code: 'ok', message: 'The widget can start on this origin.' };
}
