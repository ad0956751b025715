import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import solid from 'vite-plugin-solid'

// The API runs on the backend (npm start, port 3000); `npm run dev -w frontend` proxies to it.
export default defineConfig({
  plugins: [solid()],
  // jsPDF's optional renderers, unused by print (src/tools/jspdf-unused.ts says why).
  resolve: {
    alias: Object.fromEntries(
      ['canvg', 'html2canvas', 'dompurify'].map((name) => [
        name,
        fileURLToPath(new URL('./src/tools/jspdf-unused.ts', import.meta.url)),
      ]),
    ),
  },
  server: { proxy: { '/api': 'http://127.0.0.1:3000' } },
  build: { target: 'es2022', sourcemap: true },
})
