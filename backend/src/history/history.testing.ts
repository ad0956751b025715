// Helpers for the history and planner-scope tests (the table checksum is features.testing.ts's).

/** A rectangular lon/lat polygon, `width` by `height` degrees, from its south-west corner. */
export function rectangle(west: number, south: number, width = 0.0008, height = 0.0005) {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [west, south],
        [west + width, south],
        [west + width, south + height],
        [west, south + height],
        [west, south],
      ],
    ],
  }
}

/** A JSON request with optional headers. */
export function json(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  }
}
