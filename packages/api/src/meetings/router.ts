import { getMeeting, listMeetings } from '@platform/meetings';
import { namingField } from '../lib/field-errors';
import { idInput } from '../lib/schemas';
import { router, tenantProcedure } from '../trpc';
import { listMeetingsInput } from './schema';

/** Read-only here; creating meetings and join tokens come with @platform/meetings' own procedures. */
export const meetingsRouter = router({
  list: tenantProcedure.input(listMeetingsInput).query(async ({ ctx, input }) => {
    // A cursor is a meeting id: another tenant's is NOT_FOUND, as every id is (not an empty page).
    if (input.cursor) await getMeeting(ctx.tx, input.cursor);
    const page = await namingField('cursor', () => listMeetings(ctx.tx, input));
    return { items: page.items, nextCursor: page.nextCursor ?? null };
  }),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getMeeting(ctx.tx, input.id)),
});
