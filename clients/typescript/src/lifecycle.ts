// The whole lifecycle of a file through the API, as a service in another language drives it: check the
// quota, publish the upload, list, share, access by the recipient, revoke, denied access, and the audit
// trail of all of it. Run against a live pipeline (./run-local):
//   CATALOG_API=http://127.0.0.1:8080 KAFKA=127.0.0.1:19092 OWNER_TOKEN=... RECIPIENT_TOKEN=...
//   OPERATOR_TOKEN=... OWNER=<uuid> RECIPIENT=<uuid> npm run lifecycle
import { randomUUID } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { catalogClient } from "./client.js";

function env(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name}: required`);
  }
  return value;
}

function check(condition: boolean, what: string): void {
  if (!condition) {
    throw new Error(`lifecycle: ${what}`);
  }
  console.log(`ok  ${what}`);
}

async function eventually<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`lifecycle: ${what} did not happen within 60 s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

const api = env("CATALOG_API");
const owner = env("OWNER");
const recipient = env("RECIPIENT");
const asOwner = catalogClient(api, env("OWNER_TOKEN"));
const asRecipient = catalogClient(api, env("RECIPIENT_TOKEN"));
const asOperator = catalogClient(api, env("OPERATOR_TOKEN"));
const fileId = `files/${randomUUID()}/lifecycle.pdf`;
const size = 48_213;

// 1. May the upload go ahead?
const quota = await asOwner.POST("/api/v1/quota/check", { body: { fileSize: size } });
check(quota.response.status === 200 && quota.data?.allowed === true, "checkQuota allows the upload");

// 2. The upload itself is an event, published as the storage service publishes it.
const kafka = new Kafka({ brokers: [env("KAFKA")], clientId: "lifecycle", logLevel: logLevel.NOTHING });
const producer = kafka.producer();
await producer.connect();
await producer.send({
  topic: "storage.file-events",
  messages: [
    {
      key: fileId,
      headers: { "content-type": "application/cloudevents+json" },
      value: JSON.stringify({
        specversion: "1.0",
        id: randomUUID(),
        source: "/lifecycle-client",
        type: "storage.file.upload",
        time: new Date().toISOString(),
        datacontenttype: "application/json",
        data: {
          fileId,
          userId: owner,
          filename: "lifecycle.pdf",
          mimeType: "application/pdf",
          size,
          checksum: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
          provider: "minio",
          providerPath: `storage-catalog/${fileId}`,
          dataClassification: "confidential",
          tags: ["lifecycle"],
        },
      }),
    },
  ],
});
await producer.disconnect();
check(true, "the upload event is published");

// 3. The catalog lists it once the ingest worker has applied it.
await eventually("the upload in the owner's listing", async () => {
  const page = await asOwner.GET("/api/v1/files", { params: { query: { search: "lifecycle", limit: 50 } } });
  return page.data?.items?.some((f) => f.fileId === fileId) ? true : undefined;
});
check(true, "listFiles shows the uploaded file to its owner");
const hidden = await asRecipient.GET("/api/v1/files/metadata", { params: { query: { fileId } } });
check(hidden.response.status === 404, "another user does not see it");

// 4. Shared: usable by the recipient as soon as the call returns.
const shared = await asOwner.POST("/api/v1/shares", {
  body: { fileId, sharedWith: recipient, canRead: true, canWrite: false, canDelete: false, canShare: false },
});
check(shared.response.status === 201 && typeof shared.data?.shareId === "string", "shareFile grants a share");
const shareId = shared.data!.shareId!;
const granted = await asRecipient.POST("/api/v1/access", { body: { fileId, action: "READ" } });
check(granted.data?.allowed === true, "the recipient may read it at once");
const seen = await asRecipient.GET("/api/v1/files/metadata", { params: { query: { fileId } } });
check(seen.response.status === 200 && seen.data?.size === size, "the recipient sees its metadata");

// 5. Revoked: no access once the call returns.
const revoked = await asOwner.DELETE("/api/v1/shares/{shareId}", { params: { path: { shareId } } });
check(revoked.response.status === 204, "revokeShare revokes it");
const denied = await asRecipient.POST("/api/v1/access", { body: { fileId, action: "READ" } });
check(denied.data?.allowed === false, "the recipient is denied at once");

// 6. The trail holds all of it, each with its caller.
const operations = await eventually("the share and the revocation on the trail", async () => {
  const page = await asOperator.GET("/api/v1/audit", { params: { query: { fileId, limit: 100 } } });
  const items = page.data?.items ?? [];
  const kinds = items.map((o) => `${o.operation}:${o.status}`);
  return kinds.includes("share:success") && kinds.includes("revoke_share:success") ? items : undefined;
});
const kinds = operations.map((o) => `${o.operation}:${o.status}:${o.userId}`);
check(kinds.includes(`upload:success:${owner}`), "the trail has the upload by its owner");
check(kinds.includes(`share:success:${owner}`), "the trail has the share by its owner");
check(kinds.includes(`access:success:${recipient}`), "the trail has the recipient's granted access");
check(kinds.includes(`revoke_share:success:${owner}`), "the trail has the revocation by its owner");
check(kinds.includes(`access:failed:${recipient}`), "the trail has the recipient's denied access");
const refused = await asRecipient.GET("/api/v1/audit", { params: { query: { fileId } } });
check(refused.response.status === 403, "the trail is the operator's alone");
console.log("lifecycle: every step passed");
