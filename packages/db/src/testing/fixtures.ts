import { randomUUID } from 'node:crypto';
import { createTenantWithOwner } from '../accounts';
import type { Database } from '../database';
import { insertChunks } from '../knowledge/chunks';
import {
  accounts,
  aiPersonalities,
  authSessions,
  budgetAlerts,
  budgetReservations,
  conversationNotes,
  costEvents,
  costSummaries,
  EMBEDDING_DIMENSIONS,
  handoffs,
  invitations,
  knowledgeDocuments,
  meetings,
  messages,
  sessions,
  widgets,
} from '../schema';

/** A unit vector along `axis`, padded to the column's dimensions. */
export function unitVector(axis: number): number[] {
  const v = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  v[axis % EMBEDDING_DIMENSIONS] = 1;
  return v;
}

/**
 * A tenant with one row in every tenant-scoped table, created through the app's own paths.
 * Used by isolation tests that must cover every table.
 */
export async function createTenantFixture(db: Database, label: string) {
  const suffix = randomUUID().slice(0, 8);
  const { tenant, owner } = await createTenantWithOwner(db, {
    tenantName: `${label} ${suffix}`,
    email: `owner-${suffix}@${label.toLowerCase().replace(/\W/g, '')}.test`,
    password: 'fixture-password',
  });
  const ids = await db.withTenant(tenant.id, async (tx) => {
    const [widget] = await tx
      .insert(widgets)
      .values({
        tenantId: tenant.id,
        name: `${label} widget`,
        domainWhitelist: ['https://example.test'],
      })
      .returning();
    const [meeting] = await tx
      .insert(meetings)
      .values({
        tenantId: tenant.id,
        roomName: `room-${suffix}`,
        livekitRoomId: `RM_${suffix}`,
        createdBy: owner.id,
      })
      .returning();
    const [session] = await tx
      .insert(sessions)
      .values({ tenantId: tenant.id, widgetId: widget!.id, meetingId: meeting!.id })
      .returning();
    const [message] = await tx
      .insert(messages)
      .values({
        tenantId: tenant.id,
        sessionId: session!.id,
        role: 'user',
        content: `hello from ${label}`,
      })
      .returning();
    const [document] = await tx
      .insert(knowledgeDocuments)
      .values({ tenantId: tenant.id, title: `${label} doc`, content: `${label} knowledge` })
      .returning();
    const [chunk] = await insertChunks(tx, tenant.id, [
      {
        documentId: document!.id,
        content: `${label} knowledge`,
        embedding: unitVector(label.length),
        position: 0,
      },
    ]);
    const [costEvent] = await tx
      .insert(costEvents)
      .values({ tenantId: tenant.id, sessionId: session!.id, service: 'llm', costUsd: '0.001000' })
      .returning();
    const now = new Date();
    const [summary] = await tx
      .insert(costSummaries)
      .values({
        tenantId: tenant.id,
        periodStart: new Date(now.getTime() - 86_400_000),
        periodEnd: now,
        totalCostUsd: '0.0010',
        breakdown: { llm: { costUsd: '0.001000', tokens: 0, events: 1 } },
        eventCount: 1,
      })
      .returning();
    const [alert] = await tx
      .insert(budgetAlerts)
      .values({ tenantId: tenant.id, threshold: '10.00', currentSpend: '8.0000' })
      .returning();
    const [reservation] = await tx
      .insert(budgetReservations)
      .values({
        tenantId: tenant.id,
        amountMicroUsd: 1000n,
        expiresAt: new Date(now.getTime() + 60_000),
      })
      .returning();
    const [personality] = await tx
      .insert(aiPersonalities)
      .values({ tenantId: tenant.id, name: `${label} persona`, systemPrompt: 'Be helpful.' })
      .returning();
    const [invitation] = await tx
      .insert(invitations)
      .values({
        tenantId: tenant.id,
        email: `invitee-${suffix}@example.test`,
        tokenHash: `hash-${suffix}`,
        expiresAt: new Date(now.getTime() + 86_400_000),
      })
      .returning();
    const [account] = await tx
      .insert(accounts)
      .values({
        userId: owner.id,
        tenantId: tenant.id,
        type: 'oauth',
        provider: 'google',
        providerAccountId: `g-${suffix}`,
      })
      .returning();
    const [authSession] = await tx
      .insert(authSessions)
      .values({
        userId: owner.id,
        tenantId: tenant.id,
        sessionToken: `token-${suffix}`,
        expires: new Date(now.getTime() + 86_400_000),
      })
      .returning();
    const [handoff] = await tx
      .insert(handoffs)
      .values({ tenantId: tenant.id, sessionId: session!.id, widgetId: widget!.id })
      .returning();
    const [note] = await tx
      .insert(conversationNotes)
      .values({
        tenantId: tenant.id,
        sessionId: session!.id,
        authorId: owner.id,
        content: `${label} note`,
      })
      .returning();
    return {
      handoff: handoff!.id,
      note: note!.id,
      widget: widget!.id,
      meeting: meeting!.id,
      session: session!.id,
      message: message!.id,
      document: document!.id,
      chunk: chunk!,
      costEvent: costEvent!.id,
      summary: summary!.id,
      alert: alert!.id,
      reservation: reservation!.id,
      personality: personality!.id,
      invitation: invitation!.id,
      account: account!.id,
      authSession: authSession!.id,
    };
  });
  return { tenant, owner, ids };
}

export type TenantFixture = Awaited<ReturnType<typeof createTenantFixture>>;
