import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../errors.ts';
import { renderDocumentPdf } from './pdf.ts';
import type { RenderReply, RenderRequest } from './render-pool.ts';
import { sealPdf } from './seal.ts';

/**
 * One worker of the document render pool (render-pool.ts): renders a document with the CJK font and its QR
 * code and fills its seal, exactly as the main thread would (the same functions), and sends the bytes
 * back. The font is parsed once per worker, on its first document.
 */
const port = parentPort!;

export async function renderRequest(m: RenderRequest): Promise<RenderReply> {
  try {
    const pdf = await renderDocumentPdf(m.spec);
    if (!m.key) return { id: m.id, ok: true, pdf, seal: null };
    const sealed = sealPdf(pdf, m.key);
    return { id: m.id, ok: true, pdf: sealed.pdf, seal: sealed.seal };
  } catch (err) {
    return err instanceof AppError
      ? { id: m.id, ok: false, app: { code: err.code, message: err.message, details: err.details } }
      : { id: m.id, ok: false, message: err instanceof Error ? err.message : String(err), stack: err instanceof Error ? err.stack : undefined };
  }
}

/** Answers the pool's requests on this thread's port (the entry module and test entries call it). */
export function serveRenders(handle: (m: RenderRequest) => Promise<RenderReply> = renderRequest): void {
  port.on('message', async (m: RenderRequest | 'close') => {
    // Asked to end: the port closes and the thread ends once its loop is empty (not terminated from outside).
    if (m === 'close') port.close();
    else port.postMessage(await handle(m));
  });
  port.postMessage('ready');
}

// Started as the pool's worker (not imported by a test's own worker entry): serve.
if ((workerData as { entry?: string } | null)?.entry === import.meta.url) serveRenders();
