// Offering data to the user as a file download: text, bytes, or a file the engine wrote (base64).
/** Offer a blob as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Offer text (CSV, Markdown, …) as a download. */
export function downloadText(fileName: string, text: string, type = 'text/plain;charset=utf-8'): void {
  downloadBlob(new Blob([text], { type }), fileName);
}

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const raw = atob(data);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** Offer a file the engine produced (`{fileName, mimeType, dataBase64}`) as a download. */
export function downloadFile(file: { fileName: string; mimeType: string; dataBase64: string }): void {
  downloadBlob(new Blob([base64ToBytes(file.dataBase64)], { type: file.mimeType }), file.fileName);
}
