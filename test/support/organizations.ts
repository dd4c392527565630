import { randomUUID } from 'node:crypto';
import type { TestApp } from './test-app.js';
import { createUser, grantCredits, type TestUser } from './factories.js';

export type OrgRole = 'OWNER' | 'BILLING_ADMIN' | 'MEMBER';

export interface TestOrganization {
  id: string;
  walletId: string;
  owner: TestUser;
  /** `{ 'X-Organization-Id': id }` */
  header: { 'X-Organization-Id': string };
}

/** An organization made through the API by a new OWNER, with `credits` granted to its wallet. */
export async function createOrganization(t: TestApp, options: { credits?: number; owner?: TestUser } = {}) {
  const owner = options.owner ?? (await createUser(t));
  const response = await t.http
    .post('/api/organizations')
    .set(owner.auth)
    .send({ name: `Org ${randomUUID().slice(0, 6)}` });
  if (response.status !== 201) throw new Error(`create organization: ${response.status} ${response.text}`);
  const { id, walletId } = response.body as { id: string; walletId: string };
  if (options.credits) await grantCredits(t, walletId, [{ amount: options.credits }]);
  return { id, walletId, owner, header: { 'X-Organization-Id': id } } satisfies TestOrganization;
}

/** A new user added to the organization with `role` (and a spend limit, when given). */
export async function addMember(
  t: TestApp,
  org: TestOrganization,
  role: OrgRole,
  spendLimit?: { credits: number; period: 'DAY' | 'WEEK' | 'MONTH' },
): Promise<TestUser> {
  const user = await createUser(t);
  const added = await t.http
    .post(`/api/organizations/${org.id}/members`)
    .set(org.owner.auth)
    .send({ email: user.email, role });
  if (added.status !== 201) throw new Error(`add member: ${added.status} ${added.text}`);
  if (spendLimit) {
    const patched = await t.http
      .patch(`/api/organizations/${org.id}/members/${user.id}`)
      .set(org.owner.auth)
      .send({ spendLimit });
    if (patched.status !== 200) throw new Error(`set limit: ${patched.status} ${patched.text}`);
  }
  return user;
}
