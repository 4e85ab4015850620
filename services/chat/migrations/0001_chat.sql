-- Up Migration

-- Tenant, workspace and user ids name the registry's rows, without foreign keys: the registry
-- owns those tables and may live in another database; deleting a workspace there does not
-- reach into chat history here.
create table chat_sessions (
  id text primary key,
  tenant_id text not null,
  workspace_id text not null,
  user_id text not null,
  title text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_message_at timestamptz
);
-- Serves the session list: one user's sessions in a workspace, most recently active first
-- (a session without messages counts as active when it was created).
create index chat_sessions_recent on chat_sessions
  (user_id, workspace_id, (coalesce(last_message_at, created_at)) desc, id desc);

create table chat_messages (
  id text primary key,
  session_id text not null references chat_sessions (id) on delete cascade,
  -- Orders a session's messages: two inserts in the same millisecond share a created_at.
  seq bigint generated always as identity,
  role text not null check (role in ('user', 'assistant')),
  content text not null default '',
  status text not null check (status in ('streaming', 'complete', 'failed', 'cancelled')),
  model text,
  provider text,
  usage jsonb,
  cost_usd numeric check (cost_usd >= 0),
  error text,
  -- The raw model turns (function calls, thought signatures), replayed as history.
  turns jsonb not null default '[]',
  created_at timestamptz not null default now(),
  completed_at timestamptz
);
create index chat_messages_session on chat_messages (session_id, seq);
-- Lets failAbandoned find the few answers still open without scanning every message.
create index chat_messages_streaming on chat_messages (created_at) where status = 'streaming';

create table chat_tool_calls (
  -- A model may repeat or omit call ids, so rows have an id of their own that also orders them.
  seq bigint generated always as identity primary key,
  message_id text not null references chat_messages (id) on delete cascade,
  call_id text not null,
  name text not null,
  arguments jsonb not null,
  result jsonb,
  outcome text not null check (outcome in ('ok', 'error', 'timeout', 'refused')),
  duration_ms integer not null check (duration_ms >= 0),
  created_at timestamptz not null default now()
);
create index chat_tool_calls_message on chat_tool_calls (message_id, seq);

-- One row per tenant and UTC day, for the llmTokensPerDay quota and usage reports.
create table chat_usage_daily (
  tenant_id text not null,
  day date not null,
  tokens bigint not null default 0 check (tokens >= 0),
  cost_usd numeric not null default 0 check (cost_usd >= 0),
  primary key (tenant_id, day)
);

-- Down Migration
drop table chat_usage_daily;
drop table chat_tool_calls;
drop table chat_messages;
drop table chat_sessions;
