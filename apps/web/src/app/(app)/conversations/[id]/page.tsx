'use client';

import { use } from 'react';
import { Transcript } from './transcript';

export default function ConversationPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return <Transcript id={id} />;
}
