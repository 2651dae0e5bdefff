/**
 * Answers whose body is text in pieces (a listing: one piece per record). Through msw the body reads
 * as usual; the loopback server writes the pieces to the socket as they are. Building a page of
 * megabytes as one string and then as bytes put two large objects per answer on the fake's heap, and
 * with a large instance loaded (500k records) the collections they set off took more CPU than
 * rendering.
 */
const PIECES = Symbol('text pieces');

type WithPieces = Response & { [PIECES]?: readonly string[] };

export function textPiecesResponse(pieces: readonly string[], init: ResponseInit): Response {
  const encoder = new TextEncoder();
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < pieces.length) controller.enqueue(encoder.encode(pieces[next++]));
      else controller.close();
    },
  });
  const response: WithPieces = new Response(body, init);
  response[PIECES] = pieces;
  return response;
}

/** The pieces of an answer made by textPiecesResponse whose body nobody has read; else undefined. */
export function textPiecesOf(response: Response): readonly string[] | undefined {
  return response.bodyUsed ? undefined : (response as WithPieces)[PIECES];
}
