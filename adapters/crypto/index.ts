// The crypto adapter: node:crypto behind the core's Random and SecretHasher ports, and the
// SecretBox that seals per-oper secrets at rest.
export * from './node-random.js';
export * from './sha256-secret-hasher.js';
export * from './secret-box.js';
