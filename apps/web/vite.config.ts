import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text file of the build, compressed once at the
 * strongest setting; the server sends them as they are (@fastify/static `preCompressed`, apps/api
 * platform/http/web-assets.ts). On a 1.6 Mbps line every kB is ~5 ms before the first paint.
 */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'fep-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = c.build.outDir.startsWith('/') ? c.build.outDir : join(c.root, c.build.outDir);
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? (n === '.vite' ? [] : walk(join(dir, n))) : [join(dir, n)]));
      for (const file of walk(outDir)) {
        if (!/\.(?:js|css|html|svg|json|webmanifest)$/.test(file)) continue;
        const raw = readFileSync(file);
        if (raw.length < 1024) continue;
        writeFileSync(
          `${file}.br`,
          brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
        );
        writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}

/**
 * Lets the browser fetch the portal home's own chunks (the public landing page, and antd's card, typography,
 * select… that most pages share) together with the entry script, instead of only after the entry has run
 * and React.lazy asked for them: on a slow line that second round trip cost ~0.8 s before the service guides.
 */
function preloadHome(page = 'src/pages/PortalHome.tsx'): Plugin {
  return {
    name: 'fep-preload-home',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {}).filter((c) => c.type === 'chunk');
        const home = chunks.find((c) => c.facadeModuleId?.endsWith(page));
        if (!home || !ctx.chunk) return html;
        const already = new Set([ctx.chunk.fileName, ...ctx.chunk.imports]);
        const files: string[] = [];
        const visit = (name: string) => {
          if (already.has(name) || files.includes(name)) return;
          files.push(name);
          for (const i of chunks.find((c) => c.fileName === name)?.imports ?? []) visit(i);
        };
        visit(home.fileName);
        return files.map((f) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${f}` }, injectTo: 'head' as const }));
      },
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    preloadHome(),
    precompress(),
    // The installable field app (SUP-09): our own service worker (src/sw.ts) with the list of built files
    // injected; registered by the back office and the field pages themselves (no inline script: the CSP).
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src',
      filename: 'sw.ts',
      injectRegister: false,
      manifest: {
        name: '消防执法服务平台 · 现场检查',
        short_name: '消防检查',
        description: '消防监督检查现场记录：检查项、隐患、照片、签名，离线也能记录，联网后自动提交',
        lang: 'zh-CN',
        start_url: '/admin/tasks',
        scope: '/',
        display: 'standalone',
        background_color: '#f4f5f7',
        theme_color: '#b7142a',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      injectManifest: { globPatterns: ['**/*.{js,css,html,svg,png,woff2}'], maximumFileSizeToCacheInBytes: 5 * 1024 * 1024 },
      devOptions: { enabled: false },
    }),
  ],
  // The manifest lets scripts/web-bundle-size.mjs follow what the portal home loads.
  build: { outDir: 'dist', manifest: true, chunkSizeWarningLimit: 2000 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
