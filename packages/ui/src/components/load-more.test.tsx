import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadMore } from './load-more';

afterEach(cleanup);

describe('LoadMore', () => {
  it('offers the next page and fetches it when pressed', () => {
    const fetchNextPage = vi.fn();
    render(<LoadMore query={{ hasNextPage: true, isFetchingNextPage: false, fetchNextPage }} />);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(fetchNextPage).toHaveBeenCalledOnce();
  });

  it('is busy while the page loads, and gone on the last page', () => {
    const fetchNextPage = vi.fn();
    const { rerender } = render(
      <LoadMore query={{ hasNextPage: true, isFetchingNextPage: true, fetchNextPage }} />,
    );
    expect(screen.getByRole('button', { name: /Load more/ }).hasAttribute('disabled')).toBe(true);
    rerender(<LoadMore query={{ hasNextPage: false, isFetchingNextPage: false, fetchNextPage }} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
