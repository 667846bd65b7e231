// Files cross the renderer as bytes only: picked or dropped files are read here, results are offered as
// downloads. The renderer never sees a filesystem path.

/** Offers `data` as a download named `fileName` (the name comes from the core and names no one). */
export function saveFile(data: BlobPart, fileName: string, type = 'application/octet-stream'): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([data], { type }));
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoke after the click has been handled, or some engines cancel the download.
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

const CHUNK = 0x8000;

/** Base64 of raw bytes, in chunks so large bundles do not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
