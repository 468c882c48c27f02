// Saves text as a file: Blob + object URL + a temporary <a download>.
export function downloadText(fileName: string, type: string, text: string) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A file name made from a topic name: only safe characters. */
export function safeFileStem(topic: string): string {
  return topic.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 100) || 'messages';
}
