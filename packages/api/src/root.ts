import { accountRouter } from './account/router';
import { budgetsRouter } from './budgets/router';
import { costsRouter } from './costs/router';
import { inboxRouter } from './inbox/router';
import { insightsRouter } from './insights/router';
import { knowledgeRouter } from './knowledge/router';
import { meetingsRouter } from './meetings/router';
import { overviewRouter } from './overview/router';
import { personalitiesRouter } from './personalities/router';
import { sessionsRouter } from './sessions/router';
import { teamRouter } from './team/router';
import { tenantRouter } from './tenant/router';
import { createCallerFactory, router } from './trpc';
import { widgetsRouter } from './widgets/router';

export const appRouter = router({
  account: accountRouter,
  tenant: tenantRouter,
  team: teamRouter,
  widgets: widgetsRouter,
  personalities: personalitiesRouter,
  knowledge: knowledgeRouter,
  sessions: sessionsRouter,
  costs: costsRouter,
  budgets: budgetsRouter,
  meetings: meetingsRouter,
  overview: overviewRouter,
  inbox: inboxRouter,
  insights: insightsRouter,
});

export type AppRouter = typeof appRouter;

/** `createCaller(createContext({ db, session }))`: the router without HTTP (tests, server code). */
export const createCaller = createCallerFactory(appRouter);
