// @vitest-environment happy-dom
import { createWidgetInput, inviteInput } from '@platform/api/schemas';
import { Field, Input } from '@platform/ui';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { TRPCClientError } from '@trpc/client';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { errorAt, useZodForm } from './use-zod-form';

afterEach(cleanup);

function InviteForm({
  onValid,
  serverError,
}: {
  onValid: (d: unknown) => void;
  serverError?: unknown;
}) {
  const form = useZodForm(inviteInput, { serverError });
  return (
    <form {...form.formProps(onValid)}>
      <Field label="Email" error={form.error('email')}>
        <Input name="email" />
      </Field>
      <Field label="Role" error={form.error('role')}>
        <Input name="role" defaultValue="member" />
      </Field>
      <button type="submit">Invite</button>
    </form>
  );
}

const email = () => screen.getByLabelText<HTMLInputElement>('Email');
const type = (el: HTMLInputElement, value: string) => fireEvent.change(el, { target: { value } });

describe('useZodForm', () => {
  it('blocks submit with the API schema’s messages, marks the field invalid and focuses it', () => {
    const onValid = vi.fn();
    render(<InviteForm onValid={onValid} />);
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(onValid).not.toHaveBeenCalled();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('This field is required.');
    expect(email().getAttribute('aria-invalid')).toBe('true');
    expect(email().getAttribute('aria-describedby')).toContain(alert.id);
    expect(document.activeElement).toBe(email());
  });

  it('submits the parsed (normalised) value when valid', () => {
    const onValid = vi.fn();
    render(<InviteForm onValid={onValid} />);
    type(email(), '  Ada@Example.COM ');
    fireEvent.click(screen.getByRole('button', { name: 'Invite' }));
    expect(onValid).toHaveBeenCalledWith(
      { email: 'ada@example.com', role: 'member' },
      expect.anything(),
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('validates a changed field on blur, and not a field only tabbed through', () => {
    render(<InviteForm onValid={vi.fn()} />);
    fireEvent.blur(email());
    expect(screen.queryByRole('alert')).toBeNull();
    type(email(), 'not-an-email');
    fireEvent.blur(email());
    expect(screen.getByRole('alert').textContent).toMatch(/email/i);
    // Typing clears it; leaving with a valid value keeps it clear.
    type(email(), 'ada@example.com');
    expect(screen.queryByRole('alert')).toBeNull();
    fireEvent.blur(email());
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the server’s field errors until the field is edited', () => {
    const serverError = new TRPCClientError('Invalid input', {
      result: {
        error: {
          code: -32600,
          message: 'Invalid input',
          data: {
            code: 'CONFLICT',
            httpStatus: 409,
            zodError: { fieldErrors: { email: ['Already a member.'] } },
          },
        },
      },
    });
    render(<InviteForm onValid={vi.fn()} serverError={serverError} />);
    expect(screen.getByRole('alert').textContent).toBe('Already a member.');
    expect(email().getAttribute('aria-invalid')).toBe('true');
    type(email(), 'grace@example.com');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('validates a controlled form’s nested values and reports list entries under the list', () => {
    function WidgetForm({ onValid }: { onValid: (d: unknown) => void }) {
      const [name, setName] = useState('Shop');
      const [colour, setColour] = useState('#12');
      const form = useZodForm(createWidgetInput, {
        values: () => ({
          name,
          domainWhitelist: ['https://ok.example', 'ftp://nope'],
          settings: { primaryColor: colour },
        }),
      });
      return (
        <form {...form.formProps(onValid)}>
          <Field label="Name" error={form.error('name')}>
            <Input name="name" value={name} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="Primary colour" error={form.error('settings.primaryColor')}>
            <Input
              name="settings.primaryColor"
              value={colour}
              onChange={(e) => setColour(e.target.value)}
            />
          </Field>
          <p data-testid="domains">{form.error('domainWhitelist')}</p>
          <button type="submit">Save</button>
        </form>
      );
    }
    const onValid = vi.fn();
    render(<WidgetForm onValid={onValid} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onValid).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toBe('Use a hex colour like #4f46e5.');
    expect(screen.getByTestId('domains').textContent).toMatch(
      /Use an origin like https:\/\/example.com/,
    );
  });
});

describe('errorAt', () => {
  it('finds a field’s own message or its first nested one', () => {
    expect(errorAt({ name: 'a' }, 'name')).toBe('a');
    expect(errorAt({ 'domainWhitelist.1': 'bad' }, 'domainWhitelist')).toBe('bad');
    expect(errorAt({ 'settings.greeting': 'long' }, 'settings.greetingX')).toBeUndefined();
  });
});
