import { relations } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { primaryId, tenantPolicies } from './columns';
import { tenants, users } from './tenants';

export interface MeetingMetadata {
  title?: string;
  description?: string;
  participants?: string[];
}

export const meetings = pgTable(
  'meetings',
  {
    id: primaryId(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    roomName: text('room_name').notNull().unique(),
    livekitRoomId: text('livekit_room_id').notNull().unique(),
    // Deviation: nullable. The seed declares NOT NULL with ON DELETE SET NULL, which makes
    // removing a member who created a meeting fail.
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    metadata: jsonb('metadata').$type<MeetingMetadata>(),
  },
  (t) => [index('meeting_tenant_idx').on(t.tenantId), ...tenantPolicies('meetings', t.tenantId)],
);

export const meetingsRelations = relations(meetings, ({ one }) => ({
  tenant: one(tenants, { fields: [meetings.tenantId], references: [tenants.id] }),
  creator: one(users, { fields: [meetings.createdBy], references: [users.id] }),
}));
