import type { FastifyRequest } from 'fastify';

/**
 * The file sent under `field` in a multipart upload, read whole (within the multipart limits),
 * or null when there is none. Every other part is read too and dropped: a part left unread
 * holds back the rest of the request, and the next request on that keep-alive connection
 * would never be read.
 */
export async function readUploadedFile(req: FastifyRequest, field: string): Promise<Buffer | null> {
  let data: Buffer | null = null;
  for await (const part of req.parts()) {
    if (part.type !== 'file') continue;
    if (part.fieldname === field && data === null) data = await part.toBuffer();
    else await drain(part.file);
  }
  return data;
}

function drain(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on('end', resolve).on('error', reject).resume();
  });
}
