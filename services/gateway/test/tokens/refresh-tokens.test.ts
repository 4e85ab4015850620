import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { createRefreshTokenStore } from '../../src/tokens/refresh-tokens.ts';
import type { RefreshRotation, RefreshTokenStore } from '../../src/tokens/refresh-tokens.ts';
import { useFreshDatabasePerTest } from './tokens-database.ts';

const TTL_SECONDS = 3600;

const fresh = useFreshDatabasePerTest();
let store: RefreshTokenStore;

beforeEach(() => {
  store = createRefreshTokenStore({
    pool: fresh.pool,
    ttlSeconds: TTL_SECONDS,
    clock: fresh.clock.now,
  });
});

/** The next token of a rotation that must succeed. */
function nextToken(rotation: RefreshRotation): string {
  if (!rotation.ok) throw new Error(`rotation failed: ${rotation.reason}`);
  return rotation.token;
}

interface TokenRow {
  id: string;
  family_id: string;
  parent_id: string | null;
  token_hash: string;
  used_at: Date | null;
  revoked_at: Date | null;
  revoke_reason: string | null;
  user_agent: string | null;
  ip: string | null;
}

async function rowOf(token: string): Promise<TokenRow | undefined> {
  const id = /^rt_([^.]+)\./.exec(token)?.[1];
  const { rows } = await fresh.pool.query<TokenRow>(
    'select * from gateway_refresh_tokens where id = $1',
    [id],
  );
  return rows[0];
}

describe('issue', () => {
  it('hands out an opaque token and stores only the hash of its secret', async () => {
    const issued = await store.issue('usr_alice', { userAgent: 'x'.repeat(2000), ip: '10.0.0.7' });
    expect(issued.token).toMatch(/^rt_[\w-]{22}\.[\w-]{43}$/);
    expect(issued).toMatchObject({ userId: 'usr_alice' });
    expect(issued.expiresAt).toEqual(new Date(fresh.clock.now().getTime() + TTL_SECONDS * 1000));

    const secret = issued.token.split('.')[1] ?? '';
    const row = await rowOf(issued.token);
    expect(row?.token_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row).toMatchObject({ family_id: issued.familyId, parent_id: null, ip: '10.0.0.7' });
    expect(row?.user_agent).toHaveLength(512);
  });

  it('starts a new family for every sign-in', async () => {
    const first = await store.issue('usr_alice');
    const second = await store.issue('usr_alice');
    expect(first.familyId).not.toBe(second.familyId);
  });
});

describe('rotate', () => {
  it('exchanges a valid token for the next one of the same family', async () => {
    const issued = await store.issue('usr_alice');
    fresh.clock.advance(60);
    const rotation = await store.rotate(issued.token, { userAgent: 'phone' });
    if (!rotation.ok) throw new Error(rotation.reason);
    expect(rotation).toMatchObject({ userId: 'usr_alice', familyId: issued.familyId });
    expect(rotation.token).not.toBe(issued.token);
    expect(rotation.expiresAt).toEqual(new Date(fresh.clock.now().getTime() + TTL_SECONDS * 1000));

    const parent = await rowOf(issued.token);
    expect(parent?.used_at).toEqual(fresh.clock.now());
    expect(await rowOf(rotation.token)).toMatchObject({
      parent_id: parent?.id,
      user_agent: 'phone',
    });
    expect(nextToken(await store.rotate(rotation.token))).toMatch(/^rt_/);
  });

  it('treats a rotated token presented again as theft and ends its whole family', async () => {
    const stolen = await store.issue('usr_alice');
    const otherDevice = await store.issue('usr_alice');
    const second = nextToken(await store.rotate(stolen.token));
    const newest = nextToken(await store.rotate(second));

    expect(await store.rotate(stolen.token)).toEqual({ ok: false, reason: 'reused' });
    expect(await store.rotate(newest)).toEqual({ ok: false, reason: 'revoked' });
    expect((await rowOf(newest))?.revoke_reason).toBe('reused');
    // The user's other sign-ins are not the thief's.
    expect((await store.rotate(otherDevice.token)).ok).toBe(true);
  });

  it('lets exactly one of several concurrent rotations of one token succeed', async () => {
    const { token } = await store.issue('usr_alice');
    const rotations = await Promise.all(Array.from({ length: 5 }, () => store.rotate(token)));
    const winners = rotations.filter((rotation) => rotation.ok);
    expect(winners).toHaveLength(1);
    // The first loser presented a used token, which is reuse: it ends the family, so the
    // later losers find it revoked and the winner's new token is revoked too.
    const reasons = rotations.flatMap((rotation) => (rotation.ok ? [] : [rotation.reason]));
    expect(reasons.sort()).toEqual(['reused', 'revoked', 'revoked', 'revoked']);
    expect(await store.rotate(winners[0]?.token ?? '')).toEqual({ ok: false, reason: 'revoked' });
  });

  it('rejects an expired token without ending its family', async () => {
    const { token } = await store.issue('usr_alice');
    fresh.clock.advance(TTL_SECONDS);
    expect(await store.rotate(token)).toEqual({ ok: false, reason: 'expired' });
    expect((await rowOf(token))?.revoked_at).toBeNull();
  });

  it('rejects what is not a token of ours, and a wrong secret does not use up the real one', async () => {
    const { token } = await store.issue('usr_alice');
    const wrongSecret = `${token.slice(0, token.indexOf('.') + 1)}${'A'.repeat(43)}`;
    for (const presented of ['', 'garbage', `${token}x`, wrongSecret]) {
      expect(await store.rotate(presented)).toEqual({ ok: false, reason: 'unknown' });
    }
    expect((await store.rotate(token)).ok).toBe(true);
  });
});

describe('revocation', () => {
  it('ends one family at logout and leaves the others', async () => {
    const loggedOut = await store.issue('usr_alice');
    const kept = await store.issue('usr_alice');
    const current = nextToken(await store.rotate(loggedOut.token));

    expect(await store.revokeFamily(current)).toBe(true);
    expect(await store.rotate(current)).toEqual({ ok: false, reason: 'revoked' });
    expect((await rowOf(current))?.revoke_reason).toBe('logout');
    expect((await store.rotate(kept.token)).ok).toBe(true);
    expect(await store.revokeFamily('rt_nothing.here')).toBe(false);
  });

  it("ends every family of a user and no one else's", async () => {
    const phone = await store.issue('usr_alice');
    const laptop = await store.issue('usr_alice');
    const bob = await store.issue('usr_bob');

    expect(await store.revokeAllForUser('usr_alice')).toBe(2);
    expect(await store.rotate(phone.token)).toEqual({ ok: false, reason: 'revoked' });
    expect(await store.rotate(laptop.token)).toEqual({ ok: false, reason: 'revoked' });
    expect((await store.rotate(bob.token)).ok).toBe(true);
  });
});

describe('deleteExpired', () => {
  it('removes expired tokens and keeps live ones', async () => {
    const old = await store.issue('usr_alice');
    fresh.clock.advance(TTL_SECONDS / 2);
    const live = await store.issue('usr_alice');
    fresh.clock.advance(TTL_SECONDS / 2);

    expect(await store.deleteExpired()).toBe(1);
    expect(await store.rotate(old.token)).toEqual({ ok: false, reason: 'unknown' });
    expect((await store.rotate(live.token)).ok).toBe(true);
  });
});
