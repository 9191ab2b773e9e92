'use client';

import type { RouterOutputs } from '~/trpc/types';
import { createContext, useContext } from 'react';

export type Me = RouterOutputs['account']['me'];
export type Role = Me['role'];

const MeContext = createContext<Me | null>(null);
export const MeProvider = MeContext.Provider;

/** The signed-in user (role and tenant from the database). Only inside the dashboard shell. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside the dashboard shell');
  return me;
}

const rank: Record<Role, number> = { member: 0, admin: 1, owner: 2 };

/** Whether the user's role is at least `minimum`; the UI hides what the API would refuse. */
export function useCan(minimum: Role): boolean {
  return rank[useMe().role] >= rank[minimum];
}
