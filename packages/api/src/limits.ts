/**
 * The most calls one batched tRPC request may carry (fetch.ts refuses more). A batch runs its calls
 * on one request, so without a cap one request could hold the server for as long as it likes.
 * The dashboard's client splits its batches at this size (a browser-safe module: no server code).
 */
export const MAX_BATCH_CALLS = 20;
