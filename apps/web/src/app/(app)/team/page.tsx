import type { Metadata } from 'next';
import { TeamPage } from './team-page';

export const metadata: Metadata = { title: 'Team' };

export default function Page() {
  return <TeamPage />;
}
