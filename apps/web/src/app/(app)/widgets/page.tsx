import type { Metadata } from 'next';
import { WidgetsList } from './widgets-list';

export const metadata: Metadata = { title: 'Widgets' };

export default function WidgetsPage() {
  return <WidgetsList />;
}
