-- Up Migration

-- Tenants own an Airtable credential and the quotas every workspace of theirs shares.
create table registry_tenants (
  id text primary key,
  name text not null unique,
  display_name text not null,
  airtable_token_ciphertext text,
  credential_version integer not null default 0,
  credential_status text not null default 'missing'
    check (credential_status in ('missing', 'unchecked', 'valid', 'invalid')),
  credential_message text,
  credential_checked_at timestamptz,
  airtable_user_id text,
  chat_requests_per_minute integer not null check (chat_requests_per_minute > 0),
  llm_tokens_per_day bigint not null check (llm_tokens_per_day > 0),
  airtable_requests_per_second integer not null check (airtable_requests_per_second > 0),
  max_workspaces integer not null check (max_workspaces > 0),
  suspended boolean not null default false,
  managed_by text not null default 'api' check (managed_by in ('api', 'operator')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table registry_workspaces (
  id text primary key,
  tenant_id text not null references registry_tenants (id) on delete cascade,
  name text not null,
  display_name text not null,
  allowed_base_ids text[] not null default '{}',
  chat_requests_per_minute integer check (chat_requests_per_minute > 0),
  llm_tokens_per_day bigint check (llm_tokens_per_day > 0),
  airtable_requests_per_second integer check (airtable_requests_per_second > 0),
  model_settings jsonb not null default '{}',
  managed_by text not null default 'api' check (managed_by in ('api', 'operator')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (tenant_id, name)
);

create table registry_users (
  id text primary key,
  email text not null,
  username text,
  display_name text not null,
  password_hash text,
  platform_role text not null default 'user' check (platform_role in ('user', 'admin')),
  disabled_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index registry_users_email on registry_users (lower(email));
create unique index registry_users_username on registry_users (lower(username));

-- Members are named by email, as a Workspace resource names them: a member may sign up later.
create table registry_members (
  workspace_id text not null references registry_workspaces (id) on delete cascade,
  email text not null check (email = lower(email)),
  role text not null check (role in ('owner', 'editor', 'viewer')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, email)
);
create index registry_members_email on registry_members (email);

create table registry_api_keys (
  id text primary key,
  workspace_id text not null references registry_workspaces (id) on delete cascade,
  name text not null,
  role text not null check (role in ('owner', 'editor', 'viewer')),
  secret_hash text not null,
  created_by text references registry_users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index registry_api_keys_workspace on registry_api_keys (workspace_id);

-- Down Migration
drop table registry_api_keys;
drop table registry_members;
drop table registry_users;
drop table registry_workspaces;
drop table registry_tenants;
