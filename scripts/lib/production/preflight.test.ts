import { describe, expect, it } from "vitest";
import { describeUrl, libpqEnv } from "./preflight";

describe("libpqEnv", () => {
  it("turns DATABASE_URL into PG* variables, decoding the credentials", () => {
    expect(libpqEnv("postgresql://burrow%40ops:p%3Ass%2Fw@db.internal:6543/burrow%20prod?sslmode=require")).toEqual({
      PGHOST: "db.internal",
      PGPORT: "6543",
      PGUSER: "burrow@ops",
      PGPASSWORD: "p:ss/w",
      PGDATABASE: "burrow prod",
      PGSSLMODE: "require",
    });
  });

  it("drops Prisma's parameters, which libpq rejects, and unbrackets IPv6 hosts", () => {
    expect(libpqEnv("postgres://u@[::1]/b?schema=public&connection_limit=5&application_name=burrow")).toEqual({
      PGHOST: "::1",
      PGUSER: "u",
      PGDATABASE: "b",
      PGAPPNAME: "burrow",
    });
  });

  it("takes a Unix socket folder from ?host=", () => {
    expect(libpqEnv("postgresql://u@localhost/b?host=/var/run/postgresql").PGHOST).toBe("/var/run/postgresql");
  });
});

describe("describeUrl", () => {
  it("names user, host and database but never the password", () => {
    expect(describeUrl("postgresql://burrow:secret@db:5432/burrow?schema=x")).toBe("burrow@db:5432/burrow");
    expect(describeUrl("mongodb://127.0.0.1:27017/burrow")).toBe("127.0.0.1:27017/burrow");
  });
});
