/** Save bytes or text as a file the person downloads (no server round trip). */
export function download(name: string, data: BlobPart, type = 'application/octet-stream'): void {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The click starts the download synchronously; revoke after the browser has taken the URL.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
