/** Saves bytes as a file through the browser's download (nothing leaves the machine). */
export function download(name: string, data: Blob | Uint8Array, type = 'application/octet-stream'): void {
  const blob = data instanceof Blob ? data : new Blob([data as Uint8Array<ArrayBuffer>], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has its own reference once started.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A file name from free text: "Diffusion (tiny) at step 200" → "diffusion-tiny-at-step-200". */
export function fileStem(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'crystens';
}
