/**
 * A shareable link carries the whole graph in the URL's hash (never sent to a server): `#graph=` then the
 * JobGraph JSON, deflate-compressed (CompressionStream, in every current browser and Node) and base64url-encoded.
 */
import type { JobGraph } from '@sluice/model';
import { parseJobGraphFile, type ParsedFile } from './jobgraph-file';

const HASH_PREFIX = '#graph=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(bytes: Uint8Array, transform: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function graphHash(jobGraph: JobGraph): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(jobGraph));
  return HASH_PREFIX + toBase64Url(await through(json, new CompressionStream('deflate-raw')));
}

/** The graph a URL hash carries; undefined when the hash is not a graph link, an error when it is a broken one. */
export async function graphFromHash(hash: string): Promise<ParsedFile | undefined> {
  if (!hash.startsWith(HASH_PREFIX)) return undefined;
  let text: string;
  try {
    text = new TextDecoder().decode(
      await through(fromBase64Url(hash.slice(HASH_PREFIX.length)), new DecompressionStream('deflate-raw')),
    );
  } catch (error) {
    return {
      ok: false,
      error: 'not-json',
      reason: `the link is damaged (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  return parseJobGraphFile(text);
}
