import type { Metadata } from 'next';
import { PersonalitiesList } from './personalities-list';

export const metadata: Metadata = { title: 'Personalities' };

export default function PersonalitiesPage() {
  return <PersonalitiesList />;
}
