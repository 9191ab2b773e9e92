/**
 * @platform/auth: identity and membership, framework-free. The Next wrapper is `@platform/auth/next`.
 */
export { createAuthConfig, enabledProviders, AUTH_BASE_PATH } from './config';
export type { AuthConfigOptions } from './config';
export { readAuthEnv } from './env';
export type { AuthEnv } from './env';
export { createAdapter, workspaceName } from './adapter/adapter';
export { authenticateWithPassword } from './credentials/credentials';
export type { AuthenticatedUser } from './credentials/credentials';
export { SignInRateLimited } from './credentials/limit';
export type { SignInAttempt, SignInDecision, SignInLimiter } from './credentials/limit';
export * from './schemas';
export { signUp } from './signup/signup';
export type { SignUpResult } from './signup/signup';
export {
  createAuthSession,
  hashSessionToken,
  resolveAuthSession,
  revokeAuthSession,
  revokeUserSessions,
} from './sessions/sessions';
export type { ResolvedSession } from './sessions/sessions';
export { readRequestSession } from './sessions/cookie';
export type { RequestSession } from './sessions/cookie';
export { changeMemberRole, memberColumns, removeMember } from './team/members';
export type { Member } from './team/members';
export {
  acceptInvitation,
  acceptInvitationWithOAuth,
  createInvitation,
  INVITATION_TTL_MS,
  invitationColumns,
  revokeInvitation,
} from './team/invitations';
export type { PendingInvitation } from './team/invitations';
export { assertCanAssignRole, assertCanChangeMember, assertCanManageTeam } from './team/rules';
export type { Actor } from './team/rules';
