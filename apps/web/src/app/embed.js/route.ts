import { serveWidgetAsset } from '@platform/api/widget';
import { widgetDist } from '../api/widget/widget-api';

// The loader behind `<script src=".../embed.js" data-widget-id="..." async>`: a stable URL,
// served from apps/widget/dist with a short cache.
export const dynamic = 'force-dynamic';

export function GET(request: Request) {
  return serveWidgetAsset(request, 'embed.js', widgetDist());
}
