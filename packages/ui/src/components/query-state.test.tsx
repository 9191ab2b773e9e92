import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryState, type QueryLike } from './query-state';

afterEach(cleanup);

interface Page {
  items: string[];
}

function query(over: Partial<QueryLike> & { data?: Page }): QueryLike & { data: Page | undefined } {
  return {
    status: 'success',
    data: undefined,
    error: null,
    isFetching: false,
    refetch: vi.fn(),
    ...over,
  };
}

const list = (page: Page) => (
  <ul>
    {page.items.map((i) => (
      <li key={i}>{i}</li>
    ))}
  </ul>
);

describe('QueryState', () => {
  it('announces loading with its label while the first fetch runs', () => {
    render(
      <QueryState query={query({ status: 'pending' })} loadingLabel="Loading members">
        {list}
      </QueryState>,
    );
    expect(screen.getByRole('status').textContent).toContain('Loading members');
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('shows a custom loading node instead of the default skeleton', () => {
    render(
      <QueryState query={query({ status: 'pending' })} loading={<p>Warming up</p>}>
        {list}
      </QueryState>,
    );
    expect(screen.getByText('Warming up')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('shows the error message and a Retry button that refetches', () => {
    const q = query({ status: 'error', error: new Error('Database is asleep') });
    render(<QueryState query={q}>{list}</QueryState>);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Database is asleep');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(q.refetch).toHaveBeenCalledTimes(1);
  });

  it('formats the error with the given function and disables Retry while refetching', () => {
    const q = query({ status: 'error', error: new Error('stack trace'), isFetching: true });
    render(
      <QueryState query={q} formatError={() => 'Something went wrong'}>
        {list}
      </QueryState>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong');
    expect(screen.getByRole('alert').textContent).not.toContain('stack trace');
    const retry = screen.getByRole<HTMLButtonElement>('button', { name: 'Retrying…' });
    expect(retry.disabled).toBe(true);
  });

  it('keeps earlier data on screen under the error when a refetch fails', () => {
    const q = query({ status: 'error', error: new Error('offline'), data: { items: ['Ada'] } });
    render(<QueryState query={q}>{list}</QueryState>);
    expect(screen.getByRole('alert').textContent).toContain('offline');
    expect(screen.getByRole('listitem').textContent).toBe('Ada');
  });

  it('renders the empty state when the data is an empty page', () => {
    render(
      <QueryState query={query({ data: { items: [] } })} empty="No members yet">
        {list}
      </QueryState>,
    );
    expect(screen.getByText('No members yet')).toBeTruthy();
    expect(screen.queryByRole('list')).toBeNull();
  });

  it('uses the given predicate to decide emptiness', () => {
    render(
      <QueryState
        query={query({ data: { items: ['only-archived'] } })}
        empty={<p>Nothing active</p>}
        isEmpty={(page) => page.items.every((i) => i.startsWith('only-'))}
      >
        {list}
      </QueryState>,
    );
    expect(screen.getByText('Nothing active')).toBeTruthy();
  });

  it('renders children with the data when there is some', () => {
    render(
      <QueryState query={query({ data: { items: ['Ada', 'Grace'] } })} empty="No members yet">
        {list}
      </QueryState>,
    );
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Ada', 'Grace']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('renders children for empty data when no empty state is given', () => {
    render(
      <QueryState query={query({ data: { items: [] } })}>
        {(page) => <p>{page.items.length} rows</p>}
      </QueryState>,
    );
    expect(screen.getByText('0 rows')).toBeTruthy();
  });
});
