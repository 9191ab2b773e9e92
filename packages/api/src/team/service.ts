import { and, desc, gt, isNull } from 'drizzle-orm';
import { invitationColumns, memberColumns } from '@platform/auth';
import { invitations, users } from '@platform/db';
import type { Tx } from '@platform/db';
import { afterCursor, cursorColumn, toPage } from '../lib/pagination';

export async function listMembers(tx: Tx, input: { limit: number; cursor?: string }) {
  const rows = await tx
    .select({ ...memberColumns, cursor: cursorColumn(users.createdAt, users.id) })
    .from(users)
    .where(afterCursor(users.createdAt, users.id, input.cursor))
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit);
}

/** Pending (not accepted, not expired) invitations. */
export async function listInvitations(tx: Tx, input: { limit: number; cursor?: string }) {
  const rows = await tx
    .select({ ...invitationColumns, cursor: cursorColumn(invitations.createdAt, invitations.id) })
    .from(invitations)
    .where(
      and(
        isNull(invitations.acceptedAt),
        gt(invitations.expiresAt, new Date()),
        afterCursor(invitations.createdAt, invitations.id, input.cursor),
      ),
    )
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(input.limit + 1);
  return toPage(rows, input.limit);
}

export function acceptLink(appUrl: string, token: string): string {
  return `${appUrl}/invite?token=${encodeURIComponent(token)}`;
}
