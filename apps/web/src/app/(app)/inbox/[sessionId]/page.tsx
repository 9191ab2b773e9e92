'use client';

import { use } from 'react';
import { InboxConversation } from './inbox-conversation';

export default function InboxConversationPage({
  params,
}: {
  params: Promise<{ sessionId: string }>;
}) {
  const { sessionId } = use(params);
  return <InboxConversation sessionId={sessionId} />;
}
