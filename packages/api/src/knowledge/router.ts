import { limiterFor } from '../lib/rate-limit';
import { idInput } from '../lib/schemas';
import {
  adminActorProcedure,
  adminProcedure,
  router,
  tenantActorProcedure,
  tenantProcedure,
} from '../trpc';
import type { TenantScope } from '../trpc';
import type { Context, TenantActor } from '../trpc';
import {
  addUrlInput,
  createDocumentInput,
  listChunksInput,
  listDocumentsInput,
  searchInput,
  updateDocumentInput,
} from './schema';
import { uploadInput } from './upload-schema';
import { addUrlDocument, searchKnowledge, uploadDocument } from './sources';
import {
  createDocument,
  deleteDocument,
  getDocument,
  listChunks,
  listDocuments,
  markForReindex,
  updateDocument,
} from './service';

/**
 * Ingestion (chunking, embedding) is @platform/rag's. The seam: after the transaction commits,
 * `ctx.ingestion.schedule(tenantId, documentId)` if the app provided one. Without it, documents
 * stay `pending` until rag's `ingestPendingDocuments` sweeps them.
 */
function scheduleIngestion(ctx: Context & TenantScope, documentId: string) {
  ctx.afterCommit(() => ctx.ingestion?.schedule(ctx.tenantId, documentId));
}

export const knowledgeRouter = router({
  list: tenantProcedure
    .input(listDocumentsInput)
    .query(({ ctx, input }) => listDocuments(ctx.tx, input)),
  get: tenantProcedure.input(idInput).query(({ ctx, input }) => getDocument(ctx.tx, input.id)),
  create: adminProcedure.input(createDocumentInput).mutation(async ({ ctx, input }) => {
    const document = await createDocument(ctx.tx, ctx.tenantId, input);
    scheduleIngestion(ctx, document.id);
    return document;
  }),
  update: adminProcedure.input(updateDocumentInput).mutation(async ({ ctx, input }) => {
    const { document, reingest } = await updateDocument(ctx.tx, input);
    if (reingest) scheduleIngestion(ctx, document.id);
    return document;
  }),
  reindex: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const document = await markForReindex(ctx.tx, input.id);
    scheduleIngestion(ctx, document.id);
    return document;
  }),
  delete: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => deleteDocument(ctx.tx, input.id)),
  listChunks: tenantProcedure
    .input(listChunksInput)
    .query(({ ctx, input }) => listChunks(ctx.tx, input)),
  // The three below do slow work (embedding, parsing, fetching) outside any transaction.
  search: tenantActorProcedure
    .input(searchInput)
    .query(({ ctx, input }) =>
      searchKnowledge({ db: ctx.db, tenantId: ctx.actor.tenantId }, input),
    ),
  upload: adminActorProcedure
    .input(uploadInput)
    .mutation(({ ctx, input }) => uploadDocument(sourceDeps(ctx), input)),
  addUrl: adminActorProcedure
    .input(addUrlInput)
    .mutation(({ ctx, input }) => addUrlDocument(sourceDeps(ctx), input)),
});

function sourceDeps(ctx: Context & { actor: TenantActor }) {
  return {
    db: ctx.db,
    tenantId: ctx.actor.tenantId,
    ingestion: ctx.ingestion,
    logError: ctx.logError,
    limiter: limiterFor(ctx),
  };
}
