#!/usr/bin/env node
import { capYoungGeneration } from '../dist/cli/young-generation.js';

// First, before anything is loaded: it may start the process again with a V8 flag.
capYoungGeneration();
await import('../dist/cli/main.js');
