#!/usr/bin/env node
// The `catalyst` command. TypeScript runs through tsx, so there is no build step between a change and using it.
import { register } from 'tsx/esm/api'

register()
await import('../src/cli/main.ts')
