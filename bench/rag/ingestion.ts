import { randomUUID } from 'node:crypto';
import { connectPostgres, createTenantWithOwner } from '@platform/db';
import {
  chunkText,
  createLocalEmbeddingProvider,
  ingestDocument,
  insertDocument,
  loadLocalModel,
} from '@platform/rag';
import { openBenchTarget } from '../src/db/target';
import { median } from '../src/stats';
import { ragBenchEnv } from './env';

const CHUNKING = { chunkSize: 260, overlap: 0 };
const BATCH = 32;
const ROUNDS = 3;

const SENTENCES = [
  'Orders placed before two in the afternoon leave the warehouse the same working day.',
  'Standard shipping within the European Union takes two to four working days.',
  'Every parcel has a tracking link that we send by email as soon as the carrier scans it.',
  'You can return any product within thirty days of delivery, for any reason at all.',
  'Refunds reach the original payment method within five working days of the return arriving.',
  'The skates brake automatically when you lean back for more than two seconds.',
  'A full charge takes ninety minutes with the included charger and lasts forty-five minutes.',
  'Our support team answers chat and email from Monday to Friday and on Saturday mornings.',
];

/**
 * Ingestion throughput (chunks/s) of ingestDocument with the offline model, against the model's
 * raw rate on the same chunks: what chunking, progress writes and the chunk insert cost on top.
 */
export async function runIngestionBench(): Promise<void> {
  const words = ragBenchEnv.ingestChunks * 150;
  const sentences: string[] = [];
  for (let n = 0, i = 0; n < words; i++) {
    const s = SENTENCES[i % SENTENCES.length]!;
    sentences.push(s);
    n += s.split(' ').length;
  }
  const text = sentences.map((s, i) => (i % 6 === 5 ? `${s}\n\n` : `${s} `)).join('');
  const chunks = chunkText(text, CHUNKING);
  const avgWords = chunks.reduce((n, c) => n + c.content.split(/\s+/).length, 0) / chunks.length;

  const model = await loadLocalModel();
  /** Seconds for the model alone to embed every chunk, in the batches ingestion uses. */
  const rawPass = async () => {
    const start = performance.now();
    for (let i = 0; i < chunks.length; i += BATCH)
      await model.embed(chunks.slice(i, i + BATCH).map((c) => c.content));
    return (performance.now() - start) / 1000;
  };
  await rawPass(); // warm up: the WASM kernels compile per input shape

  const target = await openBenchTarget();
  const db = connectPostgres(target.appUrl, { max: 4 });
  try {
    const { tenant } = await createTenantWithOwner(db, {
      tenantName: 'Ingestion bench',
      email: `ingest-bench-${randomUUID()}@bench.test`,
    });
    const embedder = createLocalEmbeddingProvider({ batchSize: BATCH });
    // Alternate model-alone and full-ingestion rounds so background load on a shared machine
    // hits both alike; medians are printed.
    const raw: number[] = [];
    const ingest: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raw.push(chunks.length / (await rawPass()));
      const id = await insertDocument(db, tenant.id, {
        title: `Bench document ${round}`,
        content: text,
        metadata: { status: 'pending' },
      });
      const start = performance.now();
      const result = await ingestDocument(db, tenant.id, id, {
        embedder,
        chunking: CHUNKING,
        batchSize: BATCH,
      });
      if (result.status !== 'ready') throw new Error(`ingestion ${result.status}: ${result.error}`);
      ingest.push(result.chunkCount / ((performance.now() - start) / 1000));
    }
    const rawRate = median(raw);
    const ingestRate = median(ingest);
    console.log(
      `\n## Ingestion: ${chunks.length} chunks of ~${Math.round(avgWords)} words, offline model (USE lite), ${target.label}`,
    );
    console.log(`| path (median of ${ROUNDS} alternating rounds) | chunks/s |`);
    console.log('| --- | --- |');
    console.log(`| model alone (embed, batches of ${BATCH}) | ${rawRate.toFixed(1)} |`);
    console.log(`| ingestDocument (chunk, embed, progress, insert) | ${ingestRate.toFixed(1)} |`);
    console.log(
      `ingestion / raw model: ${((100 * ingestRate) / rawRate).toFixed(0)}% (target >= 80%)`,
    );
  } finally {
    await db.close();
    await target.stop();
  }
}
