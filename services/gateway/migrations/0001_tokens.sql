-- Up Migration

-- The keys access tokens are signed with. Services verify against the public halves served at
-- /.well-known/jwks.json; the private halves are encrypted with the kit's SecretCipher, so a
-- database dump alone cannot mint tokens.
create table gateway_signing_keys (
  kid text primary key,
  algorithm text not null,
  public_jwk jsonb not null,
  private_jwk_ciphertext text not null,
  created_at timestamptz not null default now(),
  -- May lie ahead of created_at: a key can be published before it starts signing.
  activated_at timestamptz not null,
  -- From then on the key signs nothing; it stays published while its tokens live.
  retired_at timestamptz,
  -- Dropped from the JWKS from then on: every token it signed has expired.
  expires_at timestamptz,
  check (retired_at is null or retired_at >= activated_at),
  check (expires_at is null or (retired_at is not null and expires_at >= retired_at))
);
-- Exactly one key is not retired: the newest, which signs now or is about to. Replicas that
-- race to create or rotate keys cannot leave two behind.
create unique index gateway_signing_keys_one_current
  on gateway_signing_keys ((retired_at is null)) where retired_at is null;

-- Refresh tokens are opaque `rt_<id>.<secret>` strings; only a SHA-256 of the secret is kept.
-- Each rotation adds a row to the family (one family per sign-in), so that presenting a token
-- that was already rotated can be recognised as theft and end the whole family. user_id names
-- a user of the platform registry, which lives elsewhere: no foreign key on purpose.
create table gateway_refresh_tokens (
  id text primary key,
  family_id text not null,
  user_id text not null,
  token_hash text not null unique,
  parent_id text references gateway_refresh_tokens (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  revoked_at timestamptz,
  revoke_reason text,
  user_agent text,
  ip text,
  check ((revoked_at is null) = (revoke_reason is null))
);
create index gateway_refresh_tokens_family on gateway_refresh_tokens (family_id);
create index gateway_refresh_tokens_user on gateway_refresh_tokens (user_id)
  where revoked_at is null;
create index gateway_refresh_tokens_expiry on gateway_refresh_tokens (expires_at);

-- Down Migration
drop table gateway_refresh_tokens;
drop table gateway_signing_keys;
