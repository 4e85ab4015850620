import { AppError } from '@pyairtable/kit';
import type { User } from '@pyairtable/registry';
import type { GatewayContext } from '../gateway-context.ts';
import { hashPassword } from '../tokens/index.ts';

/** What {@link ensureAdmin} did. */
export type EnsureAdminOutcome =
  /** ADMIN_EMAIL is not set. */
  | { readonly action: 'skipped' }
  | { readonly action: 'created' | 'promoted' | 'unchanged'; readonly user: User };

/**
 * Makes sure the platform admin named by ADMIN_EMAIL exists: creates the account with
 * ADMIN_PASSWORD, or promotes an existing account without touching its password (nor
 * re-enabling it if an admin disabled it). Idempotent, and safe when replicas boot together.
 * Throws when the account must be created and ADMIN_PASSWORD is missing; once it exists the
 * password may be removed from the deployment's secrets.
 */
export async function ensureAdmin(
  context: Pick<GatewayContext, 'config' | 'registry' | 'audit'>,
): Promise<EnsureAdminOutcome> {
  const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = context.config;
  if (email === undefined) return { action: 'skipped' };
  const { users } = context.registry;

  const existing = await users.getByEmail(email);
  if (existing !== undefined) return promote(context, existing);
  if (password === undefined) {
    throw new Error(
      `ADMIN_PASSWORD must be set: ADMIN_EMAIL names ${email}, which has no account yet, and the admin account is created with that password`,
    );
  }
  let created: User;
  try {
    created = await users.create({
      email,
      displayName: 'Administrator',
      passwordHash: await hashPassword(password),
      platformRole: 'admin',
    });
  } catch (error) {
    // Another replica created it first: take the promote path on its account.
    const raced = error instanceof AppError && error.code === 'REGISTRY_CONFLICT';
    const winner = raced ? await users.getByEmail(email) : undefined;
    if (winner === undefined) throw error;
    return promote(context, winner);
  }
  await recordChange(context, created, 'created');
  return { action: 'created', user: created };
}

async function promote(
  context: Pick<GatewayContext, 'registry' | 'audit'>,
  user: User,
): Promise<EnsureAdminOutcome> {
  if (user.platformRole === 'admin') return { action: 'unchanged', user };
  await context.registry.users.setPlatformRole(user.id, 'admin');
  const promoted = { ...user, platformRole: 'admin' as const };
  await recordChange(context, promoted, 'promoted');
  return { action: 'promoted', user: promoted };
}

function recordChange(
  context: Pick<GatewayContext, 'audit'>,
  user: User,
  change: 'created' | 'promoted',
): Promise<void> {
  return context.audit.record({
    action: 'admin.change',
    outcome: 'success',
    targetType: 'user',
    targetId: user.id,
    details: { change, platformRole: 'admin', source: 'ADMIN_EMAIL' },
  });
}
