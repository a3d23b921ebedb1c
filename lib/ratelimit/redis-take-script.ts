import { TOKEN_SCALE } from "./token-bucket";

// The token-bucket take of token-bucket.ts, run atomically inside Redis so that
// concurrent app instances cannot both spend the same token.
//
// KEYS[1] the bucket hash {tokens, ts}: `tokens` holds tokens × period in ms (an
//         integer, as in token-bucket.ts) and `ts` the ms of the last refill.
// ARGV[1] capacity (requests per period), ARGV[2] cost, ARGV[3] the period in
//         ms (absent: TOKEN_SCALE = 60 000, one minute).
// Returns {allowed 0|1, scaled tokens left}.
//
// Time comes from Redis TIME, not from the callers, so instances with skewed
// clocks still agree. The key expires when the bucket would be full again: an
// absent bucket reads as full, so idle keys simply vanish.
export const REDIS_TAKE_SCRIPT = `
if redis.replicate_commands then pcall(redis.replicate_commands) end
local scale = tonumber(ARGV[3]) or ${TOKEN_SCALE}
local capacity = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local full = capacity * scale
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)

local saved = redis.call('HMGET', KEYS[1], 'tokens', 'ts')
local tokens = tonumber(saved[1])
local ts = tonumber(saved[2])
if tokens == nil or ts == nil then
  tokens = full
  ts = now
end

local elapsed = math.min(math.max(0, now - ts), scale)
tokens = math.min(full, tokens + elapsed * capacity)
ts = math.max(ts, now)

local allowed = 0
if tokens >= cost * scale then
  tokens = tokens - cost * scale
  allowed = 1
end

if tokens >= full then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'tokens', tokens, 'ts', ts)
  redis.call('PEXPIRE', KEYS[1], math.ceil((full - tokens) / capacity))
end
return {allowed, tokens}
`;
