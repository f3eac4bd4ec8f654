import { Button, Space } from 'antd';
import { useEffect, useRef } from 'react';

/**
 * A finger/mouse signature on a canvas; `onChange` receives a PNG blob (or null when cleared). `value` is
 * a signature kept in the phone's draft: it is drawn back after a reload, so nobody has to sign twice.
 */
export function SignaturePad({ label, value, onChange }: { label: string; value?: Blob | null; onChange(png: Blob | null): void }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const dirty = useRef(false);
  const emitted = useRef<Blob | null>(null);
  // Not data fetching: a kept signature (not the one just drawn here) is painted onto the canvas.
  useEffect(() => {
    if (!value || value === emitted.current || dirty.current) return;
    const c = ref.current!;
    void createImageBitmap(value).then((img) => {
      c.getContext('2d')!.drawImage(img, 0, 0, c.width, c.height);
      dirty.current = true;
    });
  }, [value]);
  // Not data fetching: the canvas's pointer listeners, attached once the canvas exists.
  useEffect(() => {
    const c = ref.current!;
    const ctx = c.getContext('2d')!;
    ctx.lineWidth = 2.5;
    ctx.lineCap = 'round';
    ctx.strokeStyle = '#111';
    const pos = (e: PointerEvent) => {
      const r = c.getBoundingClientRect();
      return [((e.clientX - r.left) * c.width) / r.width, ((e.clientY - r.top) * c.height) / r.height] as const;
    };
    const down = (e: PointerEvent) => {
      drawing.current = true;
      const [x, y] = pos(e);
      ctx.beginPath();
      ctx.moveTo(x, y);
    };
    const move = (e: PointerEvent) => {
      if (!drawing.current) return;
      const [x, y] = pos(e);
      ctx.lineTo(x, y);
      ctx.stroke();
      dirty.current = true;
    };
    const up = () => {
      if (!drawing.current) return;
      drawing.current = false;
      if (dirty.current)
        c.toBlob((b) => {
          emitted.current = b;
          onChange(b);
        }, 'image/png');
    };
    c.addEventListener('pointerdown', down);
    c.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
    return () => {
      c.removeEventListener('pointerdown', down);
      c.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
  }, [onChange]);
  return (
    <div>
      <Space style={{ justifyContent: 'space-between', width: '100%' }}>
        <span>{label}</span>
        <Button
          className="touch"
          onClick={() => {
            const c = ref.current!;
            c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
            dirty.current = false;
            emitted.current = null;
            onChange(null);
          }}
        >
          重签
        </Button>
      </Space>
      <canvas
        ref={ref}
        width={600}
        height={200}
        aria-label={label}
        style={{ width: '100%', height: 120, border: '1px dashed #bbb', borderRadius: 6, background: '#fff', touchAction: 'none' }}
      />
    </div>
  );
}
