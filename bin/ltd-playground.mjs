#!/usr/bin/env node
// `npx ltd-playground <command>` from the repository: the command line runs the TypeScript engine
// as it is (tsx compiles on the fly), so the page, the tests and the command line share one engine.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/hosts/cli/main.ts');
process.exitCode = await run(process.argv.slice(2));
