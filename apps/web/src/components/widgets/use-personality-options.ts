'use client';

import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '~/trpc/react';

/** The tenant's personalities for a widget's picker; undefined until loaded. */
export function usePersonalityOptions() {
  const trpc = useTRPC();
  const list = useQuery(trpc.personalities.list.queryOptions({ limit: 100 }));
  return list.data?.items.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault }));
}
