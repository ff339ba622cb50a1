// The crypto adapter: node:crypto behind the core's Random, SecretHasher and VerifyCodeDigest
// ports, and the SecretBox that seals per-oper secrets at rest.
export * from './node-random.js';
export * from './sha256-secret-hasher.js';
export * from './hmac-verify-code-digest.js';
export * from './secret-box.js';
