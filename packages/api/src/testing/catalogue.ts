import type { UserRole } from '@platform/db';
import type { SeededTenant } from './fixtures';

/**
 * Every procedure of the router, with the least role that may call it and a valid input for a
 * given tenant. The isolation, role and bad-input suites iterate over the router itself and fail
 * for any procedure missing here, so a new procedure cannot skip them.
 */
export interface ProcedureSpec {
  role: 'public' | UserRole;
  input: (tenant: SeededTenant, run: number) => unknown;
}

export const catalogue: Record<string, ProcedureSpec> = {
  'account.signUp': {
    role: 'public',
    input: (s, run) => ({
      email: `founder-${run}@${s.tenantId.slice(0, 8)}.test`,
      password: 'long enough pw',
      tenantName: `Fresh ${run} ${s.tenantId.slice(0, 8)}`,
    }),
  },
  'account.providers': { role: 'public', input: () => undefined },
  'account.me': { role: 'member', input: () => undefined },

  'tenant.get': { role: 'member', input: () => undefined },
  'tenant.update': {
    role: 'admin',
    input: (s) => ({ name: `${s.name} renamed`, settings: { maxMonthlySpend: 250 } }),
  },
  'tenant.rotateApiKey': { role: 'owner', input: () => undefined },
  'tenant.exportData': { role: 'owner', input: () => undefined },
  'tenant.delete': { role: 'owner', input: (s) => ({ confirmName: s.name }) },

  'team.list': { role: 'member', input: () => ({ limit: 10 }) },
  'team.invite': {
    role: 'admin',
    input: (_s, run) => ({ email: `new-${run}@invited.test`, role: 'member' }),
  },
  'team.listInvitations': { role: 'admin', input: () => ({ limit: 10 }) },
  'team.revokeInvitation': { role: 'admin', input: (s) => ({ id: s.ids.invitationId }) },
  'team.acceptInvite': {
    role: 'public',
    input: () => ({ token: 'x'.repeat(43), password: 'long enough pw' }),
  },
  'team.changeRole': { role: 'admin', input: (s) => ({ userId: s.ids.memberId, role: 'admin' }) },
  'team.removeMember': { role: 'admin', input: (s) => ({ userId: s.ids.memberId }) },

  'widgets.list': { role: 'member', input: () => ({ limit: 10 }) },
  'widgets.get': { role: 'member', input: (s) => ({ id: s.ids.widgetId }) },
  'widgets.create': {
    role: 'admin',
    input: (s) => ({
      name: 'Another widget',
      domainWhitelist: ['https://shop.example'],
      settings: { theme: 'dark', personalityId: s.ids.personalityId, primaryColor: '#112233' },
    }),
  },
  'widgets.update': {
    role: 'admin',
    input: (s) => ({
      id: s.ids.widgetId,
      name: 'Renamed',
      settings: { personalityId: s.ids.otherPersonalityId },
      isActive: false,
    }),
  },
  'widgets.delete': { role: 'admin', input: (s) => ({ id: s.ids.widgetId }) },
  'widgets.embedSnippet': { role: 'member', input: (s) => ({ id: s.ids.widgetId }) },

  'personalities.list': { role: 'member', input: () => ({ limit: 10 }) },
  'personalities.get': { role: 'member', input: (s) => ({ id: s.ids.personalityId }) },
  'personalities.create': {
    role: 'admin',
    input: () => ({ name: 'New voice', systemPrompt: 'Speak plainly.', temperature: 0.3 }),
  },
  'personalities.update': {
    role: 'admin',
    input: (s) => ({ id: s.ids.otherPersonalityId, name: 'Changed', temperature: 1.1 }),
  },
  'personalities.setDefault': { role: 'admin', input: (s) => ({ id: s.ids.otherPersonalityId }) },
  'personalities.delete': { role: 'admin', input: (s) => ({ id: s.ids.otherPersonalityId }) },
  // Metered but stores no conversation; another tenant's personality is NOT_FOUND before any call.
  'personalities.tryChat': {
    role: 'admin',
    input: (s) => ({
      personalityId: s.ids.personalityId,
      draft: { systemPrompt: 'Answer in one sentence.', temperature: 0.2 },
      message: 'How does it work?',
      history: [{ role: 'user', content: 'Hello' }],
    }),
  },

  'knowledge.list': { role: 'member', input: () => ({ limit: 10 }) },
  'knowledge.get': { role: 'member', input: (s) => ({ id: s.ids.documentId }) },
  'knowledge.create': {
    role: 'admin',
    input: () => ({ title: 'FAQ', content: 'Questions and answers.', metadata: { tags: ['faq'] } }),
  },
  'knowledge.update': {
    role: 'admin',
    input: (s) => ({ id: s.ids.documentId, content: 'Rewritten.' }),
  },
  'knowledge.reindex': { role: 'admin', input: (s) => ({ id: s.ids.documentId }) },
  'knowledge.delete': { role: 'admin', input: (s) => ({ id: s.ids.documentId }) },
  'knowledge.listChunks': {
    role: 'member',
    input: (s) => ({ documentId: s.ids.documentId, limit: 10 }),
  },
  'knowledge.search': { role: 'member', input: () => ({ query: 'how it works', limit: 5 }) },
  'knowledge.upload': {
    role: 'admin',
    input: (_s, run) => ({
      filename: `notes-${run}.md`,
      mimeType: 'text/markdown',
      contentBase64: Buffer.from('# Notes\n\nReturns take thirty days.').toString('base64'),
    }),
  },
  // Loopback: refused by rag's address guard (BAD_REQUEST) before any request is made, unless
  // URL_FETCH_ALLOW_PRIVATE is on. The suites only need the input to be well-formed.
  'knowledge.addUrl': { role: 'admin', input: () => ({ url: 'http://127.0.0.1:9/handbook' }) },

  'sessions.list': {
    role: 'member',
    input: (s) => ({ limit: 10, widgetId: s.ids.widgetId, mode: 'text' }),
  },
  'sessions.get': { role: 'member', input: (s) => ({ id: s.ids.sessionId }) },

  'costs.summary': {
    role: 'member',
    input: () => ({
      startDate: new Date(Date.now() - 7 * 86_400_000),
      endDate: new Date(Date.now() + 86_400_000),
      groupBy: 'day',
    }),
  },
  'costs.listEvents': {
    role: 'member',
    input: (s) => ({ limit: 10, sessionId: s.ids.sessionId, service: 'llm' }),
  },

  'budgets.listAlerts': { role: 'member', input: () => ({ limit: 10, resolved: false }) },
  'budgets.resolveAlert': { role: 'admin', input: (s) => ({ id: s.ids.alertId }) },

  'meetings.list': { role: 'member', input: (s) => ({ limit: 10, cursor: s.ids.meetingId }) },
  'meetings.get': { role: 'member', input: (s) => ({ id: s.ids.meetingId }) },
  'meetings.create': { role: 'member', input: (_s, run) => ({ title: `Planning ${run}` }) },
  'meetings.joinToken': { role: 'member', input: (s) => ({ id: s.ids.meetingId }) },
  // Host or admin: the seeded meeting's host is the owner, so a member is refused.
  'meetings.createGuestInvite': {
    role: 'admin',
    input: (s) => ({ id: s.ids.meetingId, guestName: 'Visiting guest', ttlMinutes: 30 }),
  },
  // A well-formed invite with a signature no server made: NOT_FOUND, whoever asks.
  'meetings.redeemGuestInvite': {
    role: 'public',
    input: () => ({ invite: `v1.${Buffer.from('{}').toString('base64url')}.${'A'.repeat(43)}` }),
  },
  'meetings.end': { role: 'admin', input: (s) => ({ id: s.ids.meetingId }) },
  'meetings.participants': { role: 'member', input: (s) => ({ id: s.ids.meetingId }) },
  'meetings.settings': { role: 'member', input: () => undefined },

  'overview.stats': { role: 'member', input: () => undefined },

  // Who may claim is a tenant setting (default: any member). A member may take over the seeded
  // conversation (claim, or reply, which claims first), then note, invite and hand it back.
  'inbox.list': { role: 'member', input: () => ({}) },
  'inbox.get': { role: 'member', input: (s) => ({ sessionId: s.ids.sessionId }) },
  'inbox.claim': { role: 'member', input: (s) => ({ sessionId: s.ids.sessionId }) },
  'inbox.reply': {
    role: 'member',
    input: (s) => ({ sessionId: s.ids.sessionId, content: 'Hello, I can help.' }),
  },
  'inbox.note': {
    role: 'member',
    input: (s) => ({ sessionId: s.ids.sessionId, content: 'Asked about a refund.' }),
  },
  'inbox.inviteToCall': { role: 'member', input: (s) => ({ sessionId: s.ids.sessionId }) },
  'inbox.release': { role: 'member', input: (s) => ({ sessionId: s.ids.sessionId }) },

  'insights.unanswered': { role: 'member', input: () => ({ days: 30 }) },
  'insights.rates': { role: 'member', input: (s) => ({ days: 7, widgetId: s.ids.widgetId }) },
  'insights.answer': {
    role: 'admin',
    input: () => ({ question: 'Do you ship to Canada?', answer: 'Yes, in 5 to 8 days.' }),
  },
};
