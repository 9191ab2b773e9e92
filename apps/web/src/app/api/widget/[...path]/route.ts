import { widgetApi } from '../widget-api';

// The public widget API (packages/api/src/widget): sessions, token renewal, transcript, chat
// over SSE, feedback. CORS, origin checks and rate limits are all handled there.
export const dynamic = 'force-dynamic';

const handle = (request: Request) => widgetApi().handle(request);
export { handle as GET, handle as POST, handle as OPTIONS };
