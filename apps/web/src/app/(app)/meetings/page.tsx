import type { Metadata } from 'next';
import { MeetingsPage } from './meetings-page';

export const metadata: Metadata = { title: 'Meetings' };

export default function Page() {
  return <MeetingsPage />;
}
