/**
 * Every procedure's input schema, for the dashboard's forms (same validation on both sides).
 * Pure zod: safe to import in a browser bundle as `@platform/api/schemas`.
 */
export {
  acceptInviteInput,
  credentialsInput,
  emailSchema,
  passwordSchema,
  signUpInput,
} from '@platform/auth/schemas';
export { originListSchema, originSchema } from './lib/origin';
export { dateInput, idInput, pageInput } from './lib/schemas';
export { deleteTenantInput, tenantSettingsPatch, updateTenantInput } from './tenant/schema';
export { changeRoleInput, inviteInput, removeMemberInput } from './team/schema';
export { createWidgetInput, updateWidgetInput, widgetSettingsPatch } from './widgets/schema';
export {
  createPersonalityInput,
  TRY_CHAT_MAX_CHARS,
  tryChatInput,
  updatePersonalityInput,
} from './personalities/schema';
export {
  createDocumentInput,
  documentMetadataInput,
  listChunksInput,
  listDocumentsInput,
  addUrlInput,
  MAX_DOCUMENT_CHARS,
  searchInput,
  updateDocumentInput,
} from './knowledge/schema';
export { listSessionsInput } from './sessions/schema';
export { costSummaryInput, listCostEventsInput } from './costs/schema';
export { listAlertsInput } from './budgets/schema';
export { createMeetingInput, guestInviteSchema, listMeetingsInput } from './meetings/form-schema';
export { overviewStatsInput } from './overview/schema';
export {
  listInboxInput,
  MAX_REPLY_CHARS,
  noteInput,
  replyInput,
  sessionInput,
} from './inbox/schema';
export { answerInput, ratesInput, unansweredInput } from './insights/schema';
