#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step), so `npm start` and the CLI always match the code.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
