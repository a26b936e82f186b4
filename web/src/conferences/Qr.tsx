// A QR code drawn in the browser (the `qrcode` package's SVG output) for an absolute address, with the address
// written under it for those who type it.
import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

export function Qr({ url, label, size = 220, testId }: { url: string; label: string; size?: number; testId?: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(url, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' }).then((svg) => {
      if (live) setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
    }, () => undefined);
    return () => {
      live = false;
    };
  }, [url]);
  return (
    <figure className="conf-qr">
      {src ? <img src={src} alt={label} width={size} height={size} data-testid={testId} /> : <div style={{ width: size, height: size }} aria-hidden="true" />}
      <figcaption><a href={url} target="_blank" rel="noreferrer">{url}</a></figcaption>
    </figure>
  );
}
