-- Up Migration

-- Security-relevant actions, append-only: who did what to which object, from where, and how it ended.
create table gateway_audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  action text not null,
  outcome text not null check (outcome in ('success', 'failure', 'denied')),
  actor_user_id text,
  actor_ip text,
  target_type text,
  target_id text,
  details jsonb not null default '{}'
);
create index gateway_audit_log_at on gateway_audit_log (at desc);
create index gateway_audit_log_actor on gateway_audit_log (actor_user_id, at desc);

-- Down Migration
drop table gateway_audit_log;
