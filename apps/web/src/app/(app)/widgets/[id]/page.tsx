'use client';

import { use } from 'react';
import { WidgetDetail } from './widget-detail';

export default function WidgetPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = use(params);
  return <WidgetDetail id={id} />;
}
