import { z } from 'zod';
import { enabledProviders, signUp } from '@platform/auth';
import { signUpInput } from '@platform/auth/schemas';
import { eq } from 'drizzle-orm';
import { tenants, users } from '@platform/db';
import { publicProcedure, router, tenantProcedure } from '../trpc';
import { limitSignUp } from './rate-limit';

const noInput = z.strictObject({}).optional();

export const accountRouter = router({
  /** Creates a tenant and its owner in one transaction; the client then signs in (Auth.js credentials). */
  signUp: publicProcedure.input(signUpInput).mutation(async ({ ctx, input }) => {
    await limitSignUp(ctx);
    return signUp(ctx.db, input);
  }),

  /** Sign-in methods to offer on the sign-in page. */
  providers: publicProcedure.input(noInput).query(() => enabledProviders()),

  /** The signed-in user, their role and tenant, read from the database. */
  me: tenantProcedure.input(noInput).query(async ({ ctx }) => {
    const [row] = await ctx.tx
      .select({
        id: users.id,
        email: users.email,
        name: users.name,
        image: users.image,
        role: users.role,
        tenant: { id: tenants.id, name: tenants.name, plan: tenants.plan },
      })
      .from(users)
      .innerJoin(tenants, eq(tenants.id, users.tenantId))
      .where(eq(users.id, ctx.userId));
    return row!;
  }),
});
