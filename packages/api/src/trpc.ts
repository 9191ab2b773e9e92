/**
 * tRPC in three parts: (1) context, (2) init with the error formatter, (3) the procedure ladder
 * public -> authed -> tenant (member) -> admin -> owner, plus `tenantActorProcedure`: a member
 * whose procedure body runs outside any transaction (for domain code that opens its own).
 */
import { initTRPC } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { resolveAuthSession } from '@platform/auth';
import { users } from '@platform/db';
import type { Database, Tx, UserRole } from '@platform/db';
import { AppError } from '@platform/errors';
import type { MeetingsOptions } from '@platform/meetings';
import { isProduction } from './env';
import {
  findAppError,
  findZodError,
  flattenZodError,
  GENERIC_INTERNAL_MESSAGE,
  toTRPCError,
} from './lib/errors';
import type { ErrorLogger } from './lib/errors';
import { transformer } from './transformer';
import type { RateLimiter } from './widget/rate-limit';

// ---------------------------------------------------------------------------------------------
// 1. Context
// ---------------------------------------------------------------------------------------------

/** What a request claims about its sign-in. Checked against auth_sessions by `authedProcedure`. */
export interface ApiSession {
  userId: string;
  sessionToken: string;
}

/**
 * The seam to knowledge ingestion (@platform/rag). Called after the transaction that created or
 * changed a document commits, so the worker sees the row. Without one, documents stay `pending`.
 */
export interface IngestionScheduler {
  schedule(tenantId: string, documentId: string): void | Promise<void>;
}

export interface CreateContextOptions {
  db: Database;
  session: ApiSession | null;
  headers?: Headers;
  ingestion?: IngestionScheduler;
  logError?: ErrorLogger;
  /** Passed to @platform/meetings. Production passes nothing (LIVEKIT_* from env); tests a fake server. */
  meetings?: MeetingsOptions;
  /** For public procedures that need one (guest invites). Defaults to the shared Postgres limiter. */
  limiter?: RateLimiter;
}

/** Independent of Next: apps/web passes the session it read from the Auth.js cookie. */
export function createContext(options: CreateContextOptions) {
  return {
    db: options.db,
    session: options.session,
    headers: options.headers ?? new Headers(),
    ingestion: options.ingestion,
    meetings: options.meetings ?? {},
    limiter: options.limiter,
    logError: options.logError ?? ((message, details) => console.error(message, details)),
  } satisfies Record<string, unknown> & { logError: ErrorLogger };
}

export type Context = ReturnType<typeof createContext>;

// ---------------------------------------------------------------------------------------------
// 2. Init
// ---------------------------------------------------------------------------------------------

const t = initTRPC.context<Context>().create({
  transformer,
  errorFormatter({ shape, error }) {
    const zodError = findZodError(error);
    const appError = findAppError(error);
    const flat = zodError ? flattenZodError(zodError) : null;
    // An AppError about one field (e.g. a bad cursor) reads like a zod error to the client.
    const field = typeof appError?.details?.field === 'string' ? appError.details.field : undefined;
    const fieldErrors = flat?.fieldErrors ?? (field ? { [field]: [appError!.message] } : undefined);
    const firstField = fieldErrors ? Object.entries(fieldErrors)[0] : undefined;
    // In production an error body carries no stack trace, and a failure of ours (a crash outside
    // any procedure, e.g. the database gone while reading the session) no internal message.
    const production = isProduction();
    const { stack, ...data } = shape.data;
    const internal = shape.data.code === 'INTERNAL_SERVER_ERROR';
    return {
      ...shape,
      message:
        flat && firstField
          ? `Invalid input: ${firstField[0]}: ${firstField[1][0]}`
          : production && internal
            ? GENERIC_INTERNAL_MESSAGE
            : shape.message,
      data: {
        ...data,
        ...(production || stack === undefined ? {} : { stack }),
        zodError: fieldErrors ? { formErrors: flat?.formErrors ?? [], fieldErrors } : null,
        appCode: appError?.code ?? null,
        retryAfterSeconds: appError?.retryAfterSeconds ?? null,
      },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;
export const middleware = t.middleware;

// ---------------------------------------------------------------------------------------------
// 3. Procedures
// ---------------------------------------------------------------------------------------------

/** Maps every error leaving a procedure (AppError, zod, Postgres, unknown) in one place. */
const mapErrors = t.middleware(async ({ ctx, next, path }) => {
  const result = await next();
  if (!result.ok) throw toTRPCError(result.error, ctx.logError, path);
  return result;
});

export const publicProcedure = t.procedure.use(mapErrors);

/** A signed-in user whose session row still exists (sign-out and removal end it at once). */
export const authedProcedure = publicProcedure.use(async ({ ctx, next }) => {
  if (!ctx.session) throw new AppError('UNAUTHENTICATED', 'Sign in to continue.');
  const resolved = await resolveAuthSession(ctx.db, ctx.session.sessionToken);
  if (!resolved || resolved.userId !== ctx.session.userId) {
    throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  }
  return next({
    ctx: {
      ...ctx,
      session: ctx.session,
      user: { id: resolved.userId, tenantId: resolved.tenantId },
    },
  });
});

export interface TenantScope {
  tx: Tx;
  tenantId: string;
  userId: string;
  role: UserRole;
  /** Runs after the tenant transaction commits (never if it rolls back). For slow or external work. */
  afterCommit: (work: () => unknown) => void;
}

/**
 * A member of the user's tenant. The tenant comes from the database (the user's row), never from
 * input. Membership and role are read inside the same transaction the procedure then runs in,
 * as `platform_app` with RLS bound to the tenant (`ctx.tx`). An error rolls everything back.
 */
export const tenantProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const pending: Array<() => unknown> = [];
  const result = await ctx.db.withTenant(ctx.user.tenantId, async (tx) => {
    const me = await readMembership(tx, ctx.user.id);
    const scope: TenantScope = {
      tx,
      tenantId: ctx.user.tenantId,
      userId: ctx.user.id,
      role: me.role,
      afterCommit: (work) => void pending.push(work),
    };
    const inner = await next({ ctx: { ...ctx, ...scope } });
    if (!inner.ok) throw inner.error; // roll back
    return inner;
  });
  for (const work of pending) {
    try {
      await work();
    } catch (error) {
      ctx.logError('after-commit work failed', { error });
    }
  }
  return result;
});

/** The user's row in their tenant, read under RLS: none means they are no longer a member. */
async function readMembership(tx: Tx, userId: string) {
  const [me] = await tx
    .select({ role: users.role, name: users.name, email: users.email })
    .from(users)
    .where(eq(users.id, userId));
  if (!me) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  return me;
}

/** Who is calling, for domain functions that take an actor and open their own transactions. */
export interface TenantActor {
  tenantId: string;
  userId: string;
  role: UserRole;
  /** The user's name, else their email's local part: what other participants see. */
  displayName: string;
}

/**
 * The same member check as `tenantProcedure` (session, then the user's row and role read under
 * the tenant's RLS), but in its own short transaction that commits BEFORE the body runs. The body
 * gets `ctx.actor` and `ctx.db`, and no `ctx.tx`: it is for procedures that call domain functions
 * opening their own transactions (db.withTenant inside ctx.tx would throw NestedTransactionError)
 * or doing slow I/O (LiveKit) that must not hold one. Such a body is not atomic as a whole: each
 * domain function is responsible for its own consistency (@platform/meetings is).
 */
export const tenantActorProcedure = authedProcedure.use(async ({ ctx, next }) => {
  const me = await ctx.db.withTenant(ctx.user.tenantId, (tx) => readMembership(tx, ctx.user.id));
  const actor: TenantActor = {
    tenantId: ctx.user.tenantId,
    userId: ctx.user.id,
    role: me.role,
    displayName: me.name?.trim() || me.email.split('@')[0]!,
  };
  return next({ ctx: { ...ctx, actor } });
});

const ROLE_RANK: Record<UserRole, number> = { member: 0, admin: 1, owner: 2 };

export function hasRole(role: UserRole, minimum: UserRole): boolean {
  return ROLE_RANK[role] >= ROLE_RANK[minimum];
}

function requireRole(minimum: UserRole) {
  return ({ ctx }: { ctx: { role: UserRole } }) => {
    if (!hasRole(ctx.role, minimum)) {
      throw new AppError(
        'FORBIDDEN',
        minimum === 'owner' ? 'Only an owner can do this.' : 'Only admins can do this.',
      );
    }
  };
}

export const adminProcedure = tenantProcedure.use(({ ctx, next }) => {
  requireRole('admin')({ ctx });
  return next();
});

export const ownerProcedure = tenantProcedure.use(({ ctx, next }) => {
  requireRole('owner')({ ctx });
  return next();
});

/** An admin or owner, with the member check of `tenantActorProcedure` (no transaction held). */
export const adminActorProcedure = tenantActorProcedure.use(({ ctx, next }) => {
  requireRole('admin')({ ctx: ctx.actor });
  return next();
});
