import { createTenantWithOwner, EmailTakenError } from '@platform/db';
import type { Database } from '@platform/db';
import { AppError } from '@platform/errors';
import type { SignUpInput } from '../schemas';

export interface SignUpResult {
  userId: string;
  tenantId: string;
  email: string;
  /** The tenant's first API key: shown once, only its hash is stored. */
  apiKey: string;
}

/** Creates a tenant and its owner in one transaction. The user then signs in with the same credentials. */
export async function signUp(db: Database, input: SignUpInput): Promise<SignUpResult> {
  try {
    const { tenant, owner, apiKey } = await createTenantWithOwner(db, {
      tenantName: input.tenantName,
      email: input.email,
      password: input.password,
      ownerName: input.name,
    });
    return { userId: owner.id, tenantId: tenant.id, email: owner.email, apiKey };
  } catch (error) {
    if (error instanceof EmailTakenError || pgCode(error) === '23505') {
      throw new AppError('CONFLICT', 'An account with this email already exists.', {
        cause: error,
        details: { field: 'email' },
      });
    }
    throw error;
  }
}

function pgCode(error: unknown): string | undefined {
  for (let e: unknown = error, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}
