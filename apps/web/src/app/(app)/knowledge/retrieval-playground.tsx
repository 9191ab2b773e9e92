'use client';

import {
  Badge,
  Button,
  Card,
  CardContent,
  CardHeader,
  CardTitle,
  EmptyState,
  Field,
  Input,
} from '@platform/ui';
import { skipToken, useQuery } from '@tanstack/react-query';
import { SearchX } from 'lucide-react';
import Link from 'next/link';
import { searchInput } from '@platform/api/schemas';
import { useState } from 'react';
import type { z } from 'zod';
import { useZodForm } from '~/components/forms/use-zod-form';
import { QueryState } from '~/components/query-state';
import { formValues } from '~/lib/form';
import { useTRPC } from '~/trpc/react';

/** Why the vector branch did not run, in words. */
const VECTOR_NOTES: Record<string, string> = {
  'no-chunks': 'Nothing is indexed yet: add documents and wait until they are ready.',
  'model-mismatch':
    'The documents were indexed with another embedding model. They are re-indexed with the new one when the app restarts (unless the spending limit is reached); until then only full-text matches are shown.',
  'embedding-unavailable':
    'The embedding model is unavailable right now: only full-text matches are shown.',
};

const rank = (value: number | null) => (value === null ? '—' : `#${value}`);

/**
 * Ask a question and see which chunks the assistant would retrieve, and why: the words searched,
 * the fused score (keyword relevance + weighted similarity) and each branch's rank (semantic vector search,
 * keyword search ranked by BM25).
 */
export function RetrievalPlayground() {
  const trpc = useTRPC();
  const [query, setQuery] = useState('');
  // The search error (e.g. a too-long question) shows under the field, like the schema's own.
  const form = useZodForm(searchInput, { values: (f) => ({ query: formValues(f).query }) });
  const search = useQuery({
    ...trpc.knowledge.search.queryOptions(query ? { query, limit: 8 } : skipToken),
    staleTime: 30_000,
  });

  const onSubmit = ({ query: text }: z.output<typeof searchInput>) => {
    if (text === query) void search.refetch();
    else setQuery(text);
  };

  return (
    <Card className="mt-8">
      <CardHeader>
        <CardTitle>Retrieval playground</CardTitle>
      </CardHeader>
      <CardContent className="grid gap-4">
        <p className="text-sm text-muted-foreground">
          Ask what a visitor might ask. Each chunk is ranked by semantic similarity (vector) and by
          keywords (text, BM25: rare words count more); the score adds the share of the question's
          keywords a chunk matches to a fraction of its similarity.
        </p>
        <form {...form.formProps(onSubmit)} className="flex flex-wrap items-end gap-3">
          <Field label="Question" error={form.error('query')} className="min-w-0 flex-1">
            <Input name="query" maxLength={500} placeholder="e.g. How long does delivery take?" />
          </Field>
          <Button type="submit" loading={search.isFetching}>
            Search
          </Button>
        </form>
        {!query ? null : (
          <QueryState query={search} loadingLabel="Searching">
            {(result) => (
              <>
                {result.textBranch === 'no-terms' ? (
                  <p role="status" className="text-sm text-muted-foreground">
                    The question has only common words (like “what”, “is”, “the”) or punctuation:
                    there is nothing to search for. Add the words that matter.
                  </p>
                ) : (
                  <p className="text-sm text-muted-foreground">
                    Keywords searched (word stems):{' '}
                    <span>
                      {result.terms.map((term) => (
                        <Badge key={term} variant="outline" className="mr-1 font-mono">
                          {term}
                        </Badge>
                      ))}
                    </span>
                  </p>
                )}
                {result.textBranch === 'used' && result.vectorBranch !== 'used' ? (
                  <p role="status" className="text-sm text-muted-foreground">
                    {VECTOR_NOTES[result.vectorBranch]}
                  </p>
                ) : null}
                {result.textBranch === 'no-terms' ? null : result.hits.length === 0 ? (
                  <EmptyState
                    icon={<SearchX aria-hidden="true" />}
                    title="No chunk matches"
                    description="The assistant would say the knowledge base has no answer to this."
                  />
                ) : (
                  <ol aria-label="Retrieved chunks" className="grid gap-3">
                    {result.hits.map((hit, i) => (
                      <li key={hit.chunkId} className="grid gap-2 rounded-md border p-3 text-sm">
                        <div className="flex flex-wrap items-center justify-between gap-2">
                          <span className="min-w-0 font-medium">
                            {i + 1}.{' '}
                            <Link
                              href={`/knowledge/${hit.documentId}`}
                              className="text-primary underline-offset-4 hover:underline"
                            >
                              {hit.documentTitle}
                            </Link>{' '}
                            <span className="text-xs font-normal text-muted-foreground">
                              chunk {hit.position + 1}
                            </span>
                          </span>
                          <span className="flex flex-wrap gap-1.5">
                            <Badge
                              variant="secondary"
                              title={`Fused score: keyword relevance ${hit.relevance.toFixed(3)} (share of the question's weighted words) plus weighted similarity`}
                            >
                              Score {hit.score.toFixed(4)}
                            </Badge>
                            <Badge
                              variant="outline"
                              title={
                                hit.similarity === null
                                  ? 'Not among the vector branch results'
                                  : `Cosine similarity ${hit.similarity.toFixed(3)}`
                              }
                            >
                              Vector rank {rank(hit.vectorRank)}
                            </Badge>
                            <Badge
                              variant="outline"
                              title={
                                hit.textScore === null
                                  ? 'No keyword match'
                                  : `BM25 score ${hit.textScore.toFixed(3)}`
                              }
                            >
                              Text rank {rank(hit.textRank)}
                            </Badge>
                          </span>
                        </div>
                        <p className="break-words text-muted-foreground">{hit.excerpt}</p>
                      </li>
                    ))}
                  </ol>
                )}
              </>
            )}
          </QueryState>
        )}
      </CardContent>
    </Card>
  );
}
