/**
 * A bare host page that embeds the real widget exactly as a customer's site would: one script
 * tag. The dashboard frames it to let an admin try the chat ("Try it" / onboarding). The widget
 * only starts if this app's origin is in the widget's allowed domains, as on any other site.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const dynamic = 'force-dynamic';

export async function GET(request: Request, context: { params: Promise<{ widgetId: string }> }) {
  const { widgetId } = await context.params;
  if (!UUID.test(widgetId)) return new Response('Unknown widget', { status: 404 });
  const origin = new URL(request.url).origin;
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Widget test page</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; padding: 24px; color: #27272a; background: #fafafa; }
  main { max-width: 32rem; }
  h1 { font-size: 18px; margin: 0 0 8px; }
  p { margin: 0 0 8px; color: #52525b; }
</style>
</head>
<body>
<main>
  <h1>Your site</h1>
  <p>This page stands in for your website. The chat button in the corner is the real widget.</p>
  <p>Open it and ask a question your documents answer.</p>
</main>
<script src="${origin}/embed.js" data-widget-id="${widgetId.toLowerCase()}" async></script>
</body>
</html>`;
  return new Response(html, {
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-store',
      // Only the dashboard itself may frame this page.
      'content-security-policy': "frame-ancestors 'self'",
    },
  });
}
