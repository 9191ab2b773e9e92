import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@platform/db/testing';
import type { TestDatabase } from '@platform/db/testing';
import { seedTenant } from '../testing/fixtures';
import type { SeededTenant } from '../testing/fixtures';
import { attempt } from '../testing/procedures';

let t: TestDatabase;
let S: SeededTenant;

beforeAll(async () => {
  t = await createTestDatabase();
  S = await seedTenant(t, 'Persona Co');
});
afterAll(() => t.close());

const defaults = async () =>
  (
    await t.raw('select id from ai_personalities where tenant_id = $1 and is_default', [S.tenantId])
  ).map((r) => r.id);

describe('personalities', () => {
  it("the tenant's first personality became the default; the second did not", async () => {
    expect(await defaults()).toEqual([S.ids.personalityId]);
    expect(
      await S.callers.member.personalities.get({ id: S.ids.otherPersonalityId }),
    ).toMatchObject({ isDefault: false, temperature: 0.7, topP: 1 });
  });

  it('create and update round numbers to the columns and return numbers', async () => {
    const created = await S.callers.admin.personalities.create({
      name: 'Precise',
      systemPrompt: 'Be exact.',
      temperature: 0.25,
      frequencyPenalty: -0.5,
      maxTokens: 500,
      preferredModel: 'openai:gpt-4o-mini',
      metadata: { tags: ['support'] },
    });
    expect(created).toMatchObject({
      temperature: 0.25,
      frequencyPenalty: -0.5,
      maxTokens: 500,
      isDefault: false,
      isActive: true,
    });
    const updated = await S.callers.admin.personalities.update({
      id: created.id,
      temperature: 1.5,
      description: 'Exact answers',
    });
    expect(updated).toMatchObject({
      temperature: 1.5,
      description: 'Exact answers',
      name: 'Precise',
    });
    expect((await S.callers.member.personalities.list({ limit: 50 })).items).toHaveLength(3);
  });

  it('setDefault swaps in one transaction: always exactly one default', async () => {
    await S.callers.admin.personalities.setDefault({ id: S.ids.otherPersonalityId });
    expect(await defaults()).toEqual([S.ids.otherPersonalityId]);
    await S.callers.admin.personalities.setDefault({ id: S.ids.otherPersonalityId }); // idempotent
    expect(await defaults()).toEqual([S.ids.otherPersonalityId]);
  });

  it('the database itself refuses a second default', async () => {
    await expect(
      t.raw(
        "insert into ai_personalities (tenant_id, name, system_prompt, is_default) values ($1, 'Rogue', 'x', true)",
        [S.tenantId],
      ),
    ).rejects.toThrow(/ai_personality_one_default_idx/);
  });

  it('creating with isDefault moves the default', async () => {
    const created = await S.callers.admin.personalities.create({
      name: 'New default',
      systemPrompt: 'Hi.',
      isDefault: true,
    });
    expect(await defaults()).toEqual([created.id]);
    await S.callers.admin.personalities.setDefault({ id: S.ids.otherPersonalityId });
    await S.callers.admin.personalities.delete({ id: created.id });
  });

  it('the default can be neither deactivated nor deleted while others exist', async () => {
    expect(
      await attempt(S.callers.admin, 'personalities.update', {
        id: S.ids.otherPersonalityId,
        isActive: false,
      }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(
      await attempt(S.callers.admin, 'personalities.delete', { id: S.ids.otherPersonalityId }),
    ).toMatchObject({ code: 'CONFLICT' });
    expect(await defaults()).toEqual([S.ids.otherPersonalityId]);
  });

  it('an inactive personality cannot become the default', async () => {
    const inactive = await S.callers.admin.personalities.create({
      name: 'Off',
      systemPrompt: 'x',
      isActive: false,
    });
    expect(
      await attempt(S.callers.admin, 'personalities.setDefault', { id: inactive.id }),
    ).toMatchObject({ code: 'BAD_REQUEST' });
  });

  it("deleting one unpins it from widgets, which fall back to the tenant's default", async () => {
    expect(
      (await S.callers.member.widgets.get({ id: S.ids.widgetId })).settings?.personalityId,
    ).toBe(S.ids.personalityId);
    await S.callers.admin.personalities.delete({ id: S.ids.personalityId });
    expect(
      await attempt(S.callers.member, 'personalities.get', { id: S.ids.personalityId }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      (await S.callers.member.widgets.get({ id: S.ids.widgetId })).settings,
    ).not.toHaveProperty('personalityId');
  });
});
