import { defineConfig } from 'vitest/config'

// One run over every workspace: `npm test`. The backend and browser projects each prepare one
// template database per run and give every test file its own copy (see backend/src/test/).
export default defineConfig({
  test: {
    projects: ['backend', 'frontend'],
  },
})
