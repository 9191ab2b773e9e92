import { describe, expect, it } from 'vitest';
import { asksForPerson } from './intent';

describe('asksForPerson', () => {
  it.each([
    'Can I talk to a human?',
    'I want to speak with someone from your team',
    'please connect me to an agent',
    'real person please',
    'agent',
    'Human!',
    'Let me chat with a live agent',
  ])('recognises %j', (text) => expect(asksForPerson(text)).toBe(true));

  it.each([
    'How do I return shoes?',
    'Is the agent field in the API required for bulk orders?',
    'What does your human resources policy say about returns?',
    'Do you ship to Canada?',
  ])('leaves %j to the assistant', (text) => expect(asksForPerson(text)).toBe(false));
});
