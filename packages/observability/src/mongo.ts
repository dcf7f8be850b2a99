// MongoDB calls as CLIENT spans, from the driver's command monitoring (a MongoClient made with
// `monitorCommands: true`): one span per command the server runs, child of the caller's span, counted
// by metrics.ts as the "mongodb" dependency. Only the command's name, collection and database become
// attributes, never its filter, documents or reply; a failure records the error's type, not its
// message (a duplicate-key message quotes the key's value). This hooks the client object itself, so it
// works wherever the driver is loaded from (Next's server bundle included), unlike module patching.
import { type Span, SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { DEPENDENCY_ATTRIBUTE } from "./metrics";
import { tracer } from "./tracing";

interface CommandEvent {
  requestId: number;
  commandName: string;
  databaseName: string;
}

/** The command-monitoring events of the mongodb driver's MongoClient, structurally. */
export interface CommandMonitor {
  on(event: "commandStarted", listener: (event: CommandEvent & { command: Record<string, unknown> }) => void): unknown;
  on(event: "commandSucceeded", listener: (event: CommandEvent) => void): unknown;
  on(event: "commandFailed", listener: (event: CommandEvent & { failure: Error }) => void): unknown;
}

const traced = new WeakSet<CommandMonitor>();

/** Traces every command `client` sends; calling it again for the same client does nothing. */
export function traceMongoCommands(client: CommandMonitor): void {
  if (traced.has(client)) return;
  traced.add(client);
  // Request ids are unique per process; the events of one command share one.
  const open = new Map<number, Span>();
  client.on("commandStarted", ({ requestId, commandName, databaseName, command }) => {
    // The collection is the command's first field's value for collection commands (find, insert, …).
    const collection = command[commandName];
    const attributes = {
      [DEPENDENCY_ATTRIBUTE]: "mongodb",
      "db.system.name": "mongodb",
      "db.operation.name": commandName,
      "db.namespace": databaseName,
      ...(typeof collection === "string" ? { "db.collection.name": collection } : {}),
    };
    const name = typeof collection === "string" ? `${commandName} ${collection}` : commandName;
    open.set(requestId, tracer().startSpan(name, { kind: SpanKind.CLIENT, attributes }));
  });
  client.on("commandSucceeded", ({ requestId }) => {
    open.get(requestId)?.end();
    open.delete(requestId);
  });
  client.on("commandFailed", ({ requestId, failure }) => {
    const span = open.get(requestId);
    open.delete(requestId);
    span?.setStatus({ code: SpanStatusCode.ERROR, message: failure.name });
    span?.end();
  });
}
