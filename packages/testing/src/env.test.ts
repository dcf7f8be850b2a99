import { describe, expect, it } from "vitest";
import { givenObjectStorage, givenServices } from "./env";

describe("givenServices", () => {
  it("takes given URLs, treats unset or empty as missing, and names a malformed one", () => {
    expect(givenServices({ DATABASE_URL: "postgresql://u@h/db", MONGODB_URI: "" })).toEqual({
      DATABASE_URL: "postgresql://u@h/db",
      MONGODB_URI: undefined,
    });
    expect(() => givenServices({ MONGODB_URI: "http://x" })).toThrow(/MONGODB_URI must be a mongodb:\/\/ URL/);
    expect(() => givenServices({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL must be a postgresql/);
  });
});

describe("givenObjectStorage", () => {
  it("is undefined without S3_ENDPOINT, and with it requires and names every other S3 variable", () => {
    expect(givenObjectStorage({})).toBeUndefined();
    expect(givenObjectStorage({ S3_ENDPOINT: "" })).toBeUndefined();
    expect(() => givenObjectStorage({ S3_ENDPOINT: "http://127.0.0.1:8333" })).toThrow(/S3_BUCKET is not set/);
    expect(() =>
      givenObjectStorage({
        S3_ENDPOINT: "ftp://x",
        S3_BUCKET: "b",
        S3_REGION: "us-east-1",
        S3_ACCESS_KEY_ID: "k",
        S3_SECRET_ACCESS_KEY: "s",
      }),
    ).toThrow(/S3_ENDPOINT must be an http|S3_BUCKET must be a valid bucket name/);
    const s3 = {
      S3_ENDPOINT: "https://s3.eu-west-1.amazonaws.com",
      S3_BUCKET: "burrow-photos",
      S3_REGION: "eu-west-1",
      S3_ACCESS_KEY_ID: "AKIA",
      S3_SECRET_ACCESS_KEY: "secret",
    };
    expect(givenObjectStorage({ ...s3, UNRELATED: "x" })).toEqual(s3);
  });
});
