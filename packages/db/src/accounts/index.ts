export { hashPassword, verifyPassword } from './password';
export { generateApiKey, hashApiKey } from './api-key';
export { createTenantWithOwner, EmailTakenError, normalizeEmail } from './signup';
export type { NewTenant } from './signup';
