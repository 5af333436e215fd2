import { Agent, request } from 'node:http';

/** A lean keep-alive JSON POST: the load generator shares the machine's two cores with what it measures. */
export function createPoster(maxSockets: number) {
  const agent = new Agent({ keepAlive: true, maxSockets });
  return (url: string, headers: Record<string, string>, body: string) =>
    new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'POST',
          agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString();
            let json: unknown = null;
            try {
              json = JSON.parse(text);
            } catch {
              // Not JSON (an empty 4xx from a server still starting): the status says what happened.
            }
            resolve({ status: res.statusCode ?? 0, json });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
