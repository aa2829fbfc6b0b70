// A client of the Storage Catalog API: the types are generated from docs/openapi.json (npm run generate),
// the calls checked against them when this compiles.
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema.js";

export type CatalogClient = Client<paths>;

/** A client acting for the user (or operator) the token names. */
export function catalogClient(baseUrl: string, token: string): CatalogClient {
  return createClient<paths>({
    baseUrl,
    headers: { Authorization: `Bearer ${token}` },
  });
}
