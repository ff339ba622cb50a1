// Removes the build outputs (the project's and the client's) so that a deleted source never lingers.
import { rmSync } from 'node:fs';
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
rmSync(new URL('../client/dist', import.meta.url), { recursive: true, force: true });
