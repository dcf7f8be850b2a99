// Web's health routes, run against the test services by the shared contract.
import { healthRouteContract } from "@burrow/testing/health-contract";
import { afterAll } from "vitest";
import { disconnectMongo } from "../../../../server/mongo/connection";
import { GET as live } from "../live/route";
import { GET as ready } from "./route";

healthRouteContract({ app: "web", live, ready, checks: ["postgres", "migrations", "mongo", "shutdown"] });
afterAll(() => disconnectMongo());
