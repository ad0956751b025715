import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

// The API runs on the backend (npm start, port 3000); `npm run dev -w frontend` proxies to it.
export default defineConfig({
  plugins: [solid()],
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: { target: 'es2022', sourcemap: true },
})
