'use client';

import { Spinner } from '@platform/ui';
import dynamic from 'next/dynamic';

/** The room component, fetched only when someone joins (no server rendering: it needs WebRTC). */
export const LazyMeetingRoom = dynamic(() => import('./meeting-room'), {
  ssr: false,
  loading: () => <Spinner label="Connecting to the meeting" />,
});
