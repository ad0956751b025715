import { z } from 'zod'

// Our Content Security Policy allows no eval. zod probes `Function('')` when it builds its first
// object schema unless told not to, and the browser reports a violation: this module is the first
// main.tsx imports, so the setting is in place before any contract module builds a schema (the
// order of the others changes with every import a component adds).
z.config({ jitless: true })
