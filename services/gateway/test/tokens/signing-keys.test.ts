import type { JWK } from 'jose';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretDecryptionError } from '@pyairtable/kit';
import type { SecretCipher } from '@pyairtable/kit';
import { createSigningKeyStore } from '../../src/tokens/signing-keys.ts';
import type { SigningKeyStoreOptions } from '../../src/tokens/signing-keys.ts';
import { createTestCipher } from './test-cipher.ts';
import { useFreshDatabasePerTest } from './tokens-database.ts';

const fresh = useFreshDatabasePerTest();
let cipher: SecretCipher;

beforeEach(() => {
  cipher = createTestCipher();
});

/** One gateway replica's view of the shared keys. */
function replica(options: Partial<SigningKeyStoreOptions> = {}) {
  return createSigningKeyStore({ pool: fresh.pool, cipher, clock: fresh.clock.now, ...options });
}

async function kidsInJwks(store: ReturnType<typeof replica>): Promise<string[]> {
  return (await store.publicJwks()).keys.map((key) => key.kid);
}

describe('ensureActiveKey', () => {
  it('creates one Ed25519 key and then keeps it', async () => {
    const keys = replica();
    const kid = await keys.ensureActiveKey();
    expect(await keys.ensureActiveKey()).toBe(kid);
    const active = await keys.activeKey();
    expect(active).toMatchObject({ kid, algorithm: 'EdDSA' });
    expect(active.privateKey.type).toBe('private');
  });

  it('leaves one key when replicas boot together', async () => {
    const replicas = Array.from({ length: 6 }, () => replica());
    const kids = await Promise.all(replicas.map((keys) => keys.ensureActiveKey()));
    expect(new Set(kids).size).toBe(1);
    const { rows } = await fresh.pool.query('select kid from gateway_signing_keys');
    expect(rows).toHaveLength(1);
  });
});

describe('the stored private key', () => {
  it('is encrypted: the row never holds the JWK "d" value in clear', async () => {
    const keys = replica();
    await keys.ensureActiveKey();
    const { rows } = await fresh.pool.query<{
      public_jwk: JWK;
      private_jwk_ciphertext: string;
    }>('select public_jwk, private_jwk_ciphertext from gateway_signing_keys');
    const row = rows[0];
    if (row === undefined) throw new Error('no key stored');
    const privateJwk = JSON.parse(cipher.decrypt(row.private_jwk_ciphertext)) as JWK;
    expect(privateJwk.d).toMatch(/^[\w-]{43}$/);
    expect(row.private_jwk_ciphertext).not.toContain(privateJwk.d);
    expect(row.private_jwk_ciphertext).not.toContain('"d"');
    expect(row.public_jwk).not.toHaveProperty('d');
  });

  it('cannot be used by a gateway holding another encryption key', async () => {
    await replica().ensureActiveKey();
    const wrongKey = replica({ cipher: createTestCipher('other') });
    await expect(wrongKey.activeKey()).rejects.toBeInstanceOf(SecretDecryptionError);
  });
});

describe('publicJwks', () => {
  it('publishes the public part of each key with its kid, alg and use', async () => {
    const keys = replica();
    const kid = await keys.ensureActiveKey();
    const { keys: published } = await keys.publicJwks();
    expect(published).toHaveLength(1);
    expect(published[0]).toEqual({
      kty: 'OKP',
      crv: 'Ed25519',
      x: expect.stringMatching(/^[\w-]{43}$/) as unknown,
      kid,
      alg: 'EdDSA',
      use: 'sig',
    });
  });
});

describe('rotate', () => {
  it('signs with the new key and keeps the old one published until its tokens expired', async () => {
    const keys = replica({ maxTokenLifetimeSeconds: 900, cacheSeconds: 30 });
    const oldKid = await keys.ensureActiveKey();
    const rotation = await keys.rotate();
    expect(rotation.retiredKid).toBe(oldKid);
    expect((await keys.activeKey()).kid).toBe(rotation.kid);
    expect(await kidsInJwks(keys)).toEqual([rotation.kid, oldKid]);

    // A token the old key signed just before rotation lives 900 s; another replica may have
    // gone on signing with it for up to 30 s more, and verifiers allow some clock skew.
    fresh.clock.advance(900 + 30);
    expect(await kidsInJwks(keys)).toEqual([rotation.kid, oldKid]);
    fresh.clock.advance(60 + 1);
    expect(await kidsInJwks(keys)).toEqual([rotation.kid]);
  });

  it('can publish the new key ahead of signing with it', async () => {
    const keys = replica();
    const oldKid = await keys.ensureActiveKey();
    const rotation = await keys.rotate({ publishAheadSeconds: 300 });
    expect(rotation.activatesAt).toEqual(new Date(fresh.clock.now().getTime() + 300_000));
    expect(await kidsInJwks(keys)).toEqual([rotation.kid, oldKid]);
    expect((await keys.activeKey()).kid).toBe(oldKid);
    fresh.clock.advance(300);
    expect((await keys.activeKey()).kid).toBe(rotation.kid);
  });

  it('leaves one current key when replicas rotate at once', async () => {
    await replica().ensureActiveKey();
    const rotations = await Promise.all([replica().rotate(), replica().rotate()]);
    const { rows } = await fresh.pool.query<{ kid: string }>(
      'select kid from gateway_signing_keys where retired_at is null',
    );
    expect(rows).toHaveLength(1);
    expect(rotations.map(({ kid }) => kid)).toContain(rows[0]?.kid);
    expect(await kidsInJwks(replica())).toHaveLength(3);
  });

  it('reaches the other replicas once their cache expires', async () => {
    const first = replica({ cacheSeconds: 30 });
    const second = replica({ cacheSeconds: 30 });
    const oldKid = await first.ensureActiveKey();
    expect((await second.activeKey()).kid).toBe(oldKid);

    const { kid: newKid } = await first.rotate();
    expect((await second.activeKey()).kid).toBe(oldKid);
    expect(await kidsInJwks(second)).toEqual([oldKid]);

    fresh.clock.advance(30);
    expect((await second.activeKey()).kid).toBe(newKid);
    expect(await kidsInJwks(second)).toEqual([newKid, oldKid]);
  });
});
