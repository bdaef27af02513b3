import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const port = Number(process.env.MCPSCOPE_PORT ?? 6280);
const token = process.env.MCPSCOPE_TOKEN ?? "dev";

// In dev, Vite serves the app and forwards /api (REST and the WebSocket) to a running
// proxy, presenting the token and the proxy's own Origin so its auth and Origin checks pass.
export default defineConfig({
  plugins: [react()],
  // Absolute asset URLs: index.html is served for nested client routes (/sessions/<id>/frames/<seq>).
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      // zod (in the lazy MCP Apps host chunk) carries comments Rollup cannot place; harmless.
      onwarn(warning, warn) {
        if (warning.code === "INVALID_ANNOTATION" && warning.id?.includes("/zod/")) return;
        warn(warning);
      },
    },
  },
  // The frames worker (src/api/framesWorker.ts) is a module worker.
  worker: { format: "es" },
  server: {
    proxy: {
      "/api": {
        target: `http://127.0.0.1:${port}`,
        ws: true,
        changeOrigin: true,
        headers: {
          Authorization: `Bearer ${token}`,
          Origin: `http://127.0.0.1:${port}`,
        },
      },
    },
  },
});
