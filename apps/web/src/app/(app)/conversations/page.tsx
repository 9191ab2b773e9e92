import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ConversationsList } from './conversations-list';

export const metadata: Metadata = { title: 'Conversations' };

export default function ConversationsPage() {
  // The filters live in the query string (useSearchParams needs a Suspense boundary).
  return (
    <Suspense>
      <ConversationsList />
    </Suspense>
  );
}
