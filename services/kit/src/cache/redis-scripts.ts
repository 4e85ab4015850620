import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * Lua scripts run atomically inside Redis: the only way a read-decide-write (a limiter, a
 * counter's first TTL, a lock release) stays correct when replicas race on the same key.
 */
export interface LuaScript {
  readonly source: string;
  readonly sha1: string;
}

function luaScript(source: string): LuaScript {
  return { source, sha1: createHash('sha1').update(source).digest('hex') };
}

/**
 * Runs a script by its hash, sending the source only when this Redis has not seen it yet
 * (after a restart or failover). ioredis's `defineCommand` does the same but needs a global
 * type augmentation of its client for every script.
 */
export async function runScript(
  client: Redis,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha1, keys.length, ...keys, ...args);
  } catch (error: unknown) {
    if (!(error instanceof Error && error.message.startsWith('NOSCRIPT'))) throw error;
    return await client.eval(script.source, keys.length, ...keys, ...args);
  }
}

/** KEYS[1] counter; ARGV[1] increment, ARGV[2] TTL set only when the counter is new. */
export const INCREMENT_SCRIPT = luaScript(`
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
if redis.call('PTTL', KEYS[1]) == -1 then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return value
`);

/**
 * KEYS[1] bucket; ARGV limit, windowMs, cost, clock slack. Returns {allowed, remaining,
 * retryAfterMs}. Mirrors `takeTokens` in token-bucket.ts: change both together. Time comes
 * from Redis, not the caller, so replicas with skewed clocks share one bucket. The TAT is
 * written with %.17g because Lua's default number format (%.14g) would round it.
 */
export const TOKEN_BUCKET_SCRIPT = luaScript(`
local limit = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local cost = tonumber(ARGV[3])
local slack = tonumber(ARGV[4])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local tat = now
local stored = redis.call('GET', KEYS[1])
if stored then
  local parsed = tonumber(stored)
  if not parsed then
    return redis.error_reply('"' .. KEYS[1] .. '" holds a value that is not a rate limit')
  end
  if parsed > now then tat = parsed end
end
local interval = window / limit
local new_tat = tat + cost * interval
local allow_at = new_tat - window
if allow_at - now > slack then
  return {0, math.floor((window - (tat - now) + slack) / interval), math.ceil(allow_at - now)}
end
redis.call('SET', KEYS[1], string.format('%.17g', new_tat), 'PX', math.ceil(new_tat - now))
return {1, math.floor((window - (new_tat - now) + slack) / interval), 0}
`);

/** KEYS[1] lock; ARGV[1] owner token. Deletes the lock only if this owner still holds it. */
export const RELEASE_LOCK_SCRIPT = luaScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`);
