// Pets' health routes, run against the test services by the shared contract.
import { healthRouteContract } from "@burrow/testing/health-contract";
import { GET as live } from "../live/route";
import { GET as ready } from "./route";

healthRouteContract({ app: "pets", live, ready, checks: ["postgres", "migrations", "outbox", "shutdown"] });
