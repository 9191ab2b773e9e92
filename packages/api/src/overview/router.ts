import { router, tenantProcedure } from '../trpc';
import { overviewStatsInput } from './schema';
import { getOverviewStats } from './service';

/** The dashboard's landing page, in one round trip. */
export const overviewRouter = router({
  stats: tenantProcedure.input(overviewStatsInput).query(({ ctx }) => getOverviewStats(ctx.tx)),
});
