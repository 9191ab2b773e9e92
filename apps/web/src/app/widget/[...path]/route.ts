import { serveWidgetAsset } from '@platform/api/widget';
import { widgetDist } from '../../api/widget/widget-api';

// The chat frame (/widget/frame.html) and its content-hashed assets (/widget/assets/...).
export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ path: string[] }> }) {
  const { path } = await context.params;
  return serveWidgetAsset(request, path.join('/'), widgetDist());
}
