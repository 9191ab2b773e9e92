import { describe, expect, it } from 'vitest';
import { cn } from './cn';
import { buttonVariants } from './components/button';

describe('cn', () => {
  it('lets a later utility override an earlier one of the same kind', () => {
    const hidden = false;
    expect(cn('px-3 text-sm', hidden && 'hidden', 'px-6')).toBe('text-sm px-6');
  });

  it('lets a caller override a variant class', () => {
    const classes = cn(buttonVariants({ variant: 'default', size: 'sm' }), 'h-12');
    expect(classes).toContain('h-12');
    expect(classes).not.toContain('h-8');
  });
});
