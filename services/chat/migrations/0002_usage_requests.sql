-- Up Migration

-- Questions asked per tenant and day, shown beside the tokens on the workspace dashboard.
alter table chat_usage_daily add column requests bigint not null default 0;

-- Down Migration
alter table chat_usage_daily drop column requests;
